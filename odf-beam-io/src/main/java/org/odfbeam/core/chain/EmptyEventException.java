package org.odfbeam.core.chain;

/** AddData or ExecuteTransform that carries nothing at all (kamu: NoOpEvent "Event is empty"). */
public final class EmptyEventException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  EmptyEventException(BlockContext block, String reason) {
    super(block, reason);
  }
}
