package org.odfbeam.core.chain;

/** Ethereum logs polling source without chainId or nodeUrl (kamu: InvalidEvent). */
public final class EthereumSourceUnidentifiedException extends InvalidBlockException {
  private static final long serialVersionUID = 1L;

  EthereumSourceUnidentifiedException(BlockContext block, String reason) {
    super(block, reason);
  }
}
