package org.odfbeam.core.chain;

import java.lang.reflect.RecordComponent;
import org.odfbeam.core.chain.InvalidBlockException.BlockContext;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.DisablePollingSource;
import org.odfbeam.core.model.DisablePushSource;
import org.odfbeam.core.model.FetchStepEthereumLogs;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.core.model.ReadStep;
import org.odfbeam.core.model.SetPollingSource;

/** AddPushSource / SetPollingSource rules, and the Disable* events kamu cannot process. */
final class SourceRules {
  private SourceRules() {}

  /** kamu cannot process Disable* events (it panics); checked before any other rule. */
  static void checkSupported(BlockContext ctx, MetadataEvent event) {
    if (event instanceof DisablePushSource || event instanceof DisablePollingSource) {
      throw new UnsupportedEventException(ctx, "Disabling sources is not yet fully supported"
          + " (expected no " + event.kindName() + " event, found one)");
    }
  }

  /** Rules on the event alone. */
  static void checkEvent(BlockContext ctx, MetadataEvent event) {
    if (event instanceof AddPushSource e) {
      if (e.preprocess() != null) {
        TransformRules.checkNormalized(ctx, e.preprocess());
      }
      checkReadSchema(ctx, e.read());
    }
    if (event instanceof SetPollingSource e) {
      if (e.preprocess() != null) {
        TransformRules.checkNormalized(ctx, e.preprocess());
      }
      if (e.fetch() instanceof FetchStepEthereumLogs eth
          && eth.chainId() == null && eth.nodeUrl() == null) {
        throw new EthereumSourceUnidentifiedException(ctx,
            "Eth source must specify chainId or nodeUrl (found neither)");
      }
      checkReadSchema(ctx, e.read());
    }
  }

  /** Rules against earlier source events. */
  static void checkAgainstChain(BlockContext ctx, ChainState state, MetadataEvent event) {
    if (event instanceof AddPushSource e) {
      AddPushSource existing = state.pushSource(e.sourceName());
      if (existing != null) {
        if (existing.equals(e)) {
          throw new DuplicatePushSourceException(ctx, "New push source is identical to existing"
              + " (source '" + e.sourceName() + "')");
        }
        return;
      }
      MetadataEvent barrier = state.sourceBarrier();
      if (barrier instanceof SetPollingSource) {
        throw new PushSourceConflictException(ctx, "Cannot add a push source while polling source"
            + " is still active (source '" + e.sourceName() + "')");
      }
      if (barrier != null) {
        throw new PushSourceConflictException(ctx, "Source evolution is not yet fully supported"
            + " (found " + barrier.kindName() + " before source '" + e.sourceName() + "')");
      }
    }
    if (event instanceof SetPollingSource && state.anyPushSource()) {
      throw new PollingSourceConflictException(ctx, "Cannot add a polling source while some push"
          + " sources are still active (expected no AddPushSource, found one)");
    }
  }

  private static void checkReadSchema(BlockContext ctx, ReadStep read) {
    if (component(read, "schema") != null && component(read, "ddlSchema") != null) {
      throw new ConflictingReadSchemaException(ctx, "Cannot specify both DDL and ODF schemas at once"
          + " (found both ddlSchema and schema in " + read.getClass().getSimpleName() + ")");
    }
  }

  /** Every ReadStep variant has {@code ddlSchema} and {@code schema}; read them generically. */
  private static @Nullable Object component(ReadStep read, String name) {
    for (RecordComponent c : read.getClass().getRecordComponents()) {
      if (c.getName().equals(name)) {
        try {
          return c.getAccessor().invoke(read);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("Cannot read " + name + " of " + read, e);
        }
      }
    }
    return null;
  }
}
