package org.odfbeam.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.odfbeam.core.model.AddData;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.AttachmentsEmbedded;
import org.odfbeam.core.model.DataEvent;
import org.odfbeam.core.model.DataSlice;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.Rfc3339;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DisablePollingSource;
import org.odfbeam.core.model.DisablePushSource;
import org.odfbeam.core.model.ExecuteTransform;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.Seed;
import org.odfbeam.core.model.SetAttachments;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.model.SetInfo;
import org.odfbeam.core.model.SetLicense;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.SetVocab;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.model.Variant;

/** The one-line summary {@code odf log} prints for an event. */
final class BlockSummary {
  private static final int MAX_TEXT = 60;

  private BlockSummary() {}

  static String time(Instant t) {
    return Rfc3339.format(t);
  }

  static String of(MetadataEvent event) {
    if (event instanceof Seed e) {
      return e.datasetId() + " " + (e.datasetKind() == DatasetKind.ROOT ? "Root" : "Derivative");
    } else if (event instanceof AddData e) {
      return join(dataEvent(e), e.newSourceState() == null ? null
          : "source state " + e.newSourceState().sourceName() + "=" + clip(e.newSourceState().value()));
    } else if (event instanceof ExecuteTransform e) {
      long advanced = e.queryInputs().stream().filter(i -> i.newBlockHash() != null).count();
      return join(dataEvent(e), advanced + " of " + e.queryInputs().size() + " inputs advanced");
    } else if (event instanceof SetDataSchema e) {
      if (e.schema() == null) {
        return "raw Arrow schema, " + (e.rawArrowSchema() == null ? 0 : e.rawArrowSchema().size()) + " bytes";
      }
      List<DataField> fields = e.schema().fields();
      return fields.size() + " fields: " + clip(fields.stream().map(DataField::name)
          .collect(Collectors.joining(", ")));
    } else if (event instanceof SetTransform e) {
      String engine = e.transform() instanceof TransformSql sql ? "sql/" + sql.engine() : variant(e.transform());
      return engine + ", inputs: " + clip(e.inputs().stream()
          .map(i -> i.alias() != null ? i.alias() : i.datasetRef().toString())
          .collect(Collectors.joining(", ")));
    } else if (event instanceof SetPollingSource e) {
      return "fetch " + variant(e.fetch()) + ", read " + variant(e.read()) + ", merge " + variant(e.merge());
    } else if (event instanceof AddPushSource e) {
      return "source " + e.sourceName() + ", read " + variant(e.read()) + ", merge " + variant(e.merge());
    } else if (event instanceof SetVocab e) {
      return join(vocab("offset", e.offsetColumn()), vocab("op", e.operationTypeColumn()),
          vocab("system_time", e.systemTimeColumn()), vocab("event_time", e.eventTimeColumn()));
    } else if (event instanceof SetInfo e) {
      return join(e.description() == null ? null : clip(e.description()),
          e.keywords() == null ? null : "keywords: " + clip(String.join(", ", e.keywords())));
    } else if (event instanceof SetLicense e) {
      return e.shortName() + (e.spdxId() == null ? "" : " (" + e.spdxId() + ")");
    } else if (event instanceof SetAttachments e) {
      return e.attachments() instanceof AttachmentsEmbedded a ? a.items().size() + " embedded attachments"
          : variant(e.attachments());
    } else if (event instanceof DisablePushSource e) {
      return "source " + e.sourceName();
    } else if (event instanceof DisablePollingSource) {
      return "polling source";
    }
    return "";
  }

  /** Data, checkpoint and watermark of an AddData or ExecuteTransform. */
  private static String dataEvent(DataEvent e) {
    return join(data(e.newData(), e.prevOffset()),
        e.newCheckpoint() == null ? null : "checkpoint " + e.newCheckpoint().physicalHash().toShortString(),
        e.newWatermark() == null ? null : "watermark " + time(e.newWatermark()));
  }

  private static String data(DataSlice slice, Long prevOffset) {
    if (slice == null) {
      return prevOffset == null ? "no data" : "no data (last offset " + prevOffset + ")";
    }
    long n = slice.offsetInterval().end() - slice.offsetInterval().start() + 1;
    return "offsets [" + slice.offsetInterval().start() + ", " + slice.offsetInterval().end() + "] ("
        + n + (n == 1 ? " record, " : " records, ") + slice.size() + " bytes)";
  }

  private static String vocab(String column, String value) {
    return value == null ? null : column + "=" + value;
  }

  private static String variant(Object value) {
    Variant v = value.getClass().getAnnotation(Variant.class);
    return v == null ? value.getClass().getSimpleName() : v.name();
  }

  private static String clip(String text) {
    String oneLine = text.replace('\n', ' ').replace('\r', ' ');
    return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT - 1) + "…";
  }

  private static String join(String... parts) {
    List<String> present = new ArrayList<>();
    for (String p : parts) {
      if (p != null) {
        present.add(p);
      }
    }
    return String.join(", ", present);
  }
}
