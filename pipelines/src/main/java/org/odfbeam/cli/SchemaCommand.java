package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.schemas.Schema;
import org.odfbeam.core.arrow.ArrowField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.yaml.ModelYaml;
import org.odfbeam.core.yaml.YamlEmitter;
import org.odfbeam.data.OdfSchemas;

/** {@code odf schema DATASET [--format yaml|parquet|arrow]}. */
final class SchemaCommand implements Command {
  @Override
  public String name() {
    return "schema";
  }

  @Override
  public String synopsis() {
    return "schema DATASET [--format yaml|parquet|arrow]";
  }

  @Override
  public String summary() {
    return "Print the dataset's current schema (ODF DataSchema YAML, Parquet message or Arrow fields)";
  }

  @Override
  public String help() {
    return Command.super.help() + "\nFormats:\n"
        + "  yaml     the ODF DataSchema as in a SetDataSchema manifest (default)\n"
        + "  parquet  the Parquet message type data files are written with\n"
        + "  arrow    the Arrow fields kamu-cli (arrow-rs) reads from those files, one per line\n";
  }

  @Override
  public int run(Args args, PrintStream out, PrintStream err) throws IOException {
    String format = args.option("--format");
    String dataset = args.expect(synopsis(), "DATASET").get(0);
    format = format == null ? "yaml" : format.toLowerCase(Locale.ROOT);
    if (!List.of("yaml", "parquet", "arrow").contains(format)) {
      throw new UsageException("--format must be yaml, parquet or arrow, but was '" + format + "'");
    }
    SetDataSchema event = DatasetState.read(dataset).requireSchema(dataset);
    if (format.equals("yaml")) {
      DataSchema schema = event.schema() != null ? event.schema()
          : OdfSchemas.toOdf(OdfSchemas.toBeam(event));
      out.print(YamlEmitter.emit(ModelYaml.encode(schema)));
      return 0;
    }
    Schema beam = OdfSchemas.toBeam(event);
    if (format.equals("parquet")) {
      out.print(OdfSchemas.toParquet(beam));
      out.println();
    } else {
      for (ArrowField field : OdfSchemas.toArrow(OdfSchemas.toParquet(beam))) {
        out.println(field.name() + ": " + field.type() + (field.nullable() ? "" : " not null"));
      }
    }
    return 0;
  }
}
