package org.odfbeam.pipelines;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odfbeam.core.model.DatasetKind;
import org.odfbeam.core.model.DatasetSnapshot;
import org.odfbeam.core.model.SetTransform;
import org.odfbeam.core.model.TransformInput;
import org.odfbeam.core.model.Nullable;
import org.odfbeam.runners.OdfRunners;

/**
 * What {@code odf pull} and {@code odf ingest} do, in-process on the chosen runner: {@link #pull} creates and
 * updates the datasets of manifests in a workspace in dependency order, {@link #ingest} pushes files into a root
 * dataset. Both print one progress line per dataset to {@code out}.
 */
public final class Pull {
  private Pull() {}

  /** Common launch settings of both commands. */
  public record Launch(String runner, @Nullable String systemTime, boolean runWithBeamSql) {
    List<String> args() {
      List<String> args = new ArrayList<>();
      args.add("--runner=" + runner);
      if (systemTime != null) {
        args.add("--systemTime=" + systemTime);
      }
      if (runWithBeamSql) {
        args.add("--runWithBeamSql=true");
      }
      return args;
    }
  }

  /**
   * Creates each manifest's dataset under {@code workspace/<name>} if absent and runs Ingest (root) or Transform
   * (derivative) for it, in dependency order: a derivative runs after the manifests it reads; inputs not among the
   * manifests must already be in the workspace.
   *
   * @throws IllegalArgumentException for a manifest that cannot be read, two manifests of one name, or a cycle
   */
  public static void pull(String workspace, List<String> manifests, Launch launch, PrintStream out) {
    Map<String, Path> files = new LinkedHashMap<>();
    Map<String, DatasetSnapshot> snapshots = new LinkedHashMap<>();
    for (String m : manifests) {
      Path file = Path.of(m).toAbsolutePath().normalize();
      DatasetSnapshot s = Manifests.read(file);
      String name = s.name().toString();
      if (files.containsKey(name)) {
        throw new IllegalArgumentException("Manifests " + files.get(name) + " and " + file + " both define dataset '"
            + name + "'");
      }
      files.put(name, file);
      snapshots.put(name, s);
    }
    for (String name : order(snapshots)) {
      List<String> args = launch.args();
      args.add("--workspace=" + workspace);
      args.add("--manifest=" + files.get(name));
      Ingest.Result r;
      String verb;
      if (snapshots.get(name).kind() == DatasetKind.ROOT) {
        r = Ingest.run(OdfRunners.fromArgs(Ingest.Options.class, args.toArray(String[]::new)));
        verb = "ingest";
      } else {
        r = Transform.run(OdfRunners.fromArgs(Transform.Options.class, args.toArray(String[]::new)));
        verb = "transform";
      }
      out.println(Progress.line(verb, name, r.records(), r.blocks(), r.head(), r.upToDate()));
      out.flush();
    }
  }

  /**
   * Pushes {@code files} into the root dataset at {@code dataset} through its push source, in one commit; creates
   * the dataset from {@code manifest} first when it has no blocks.
   */
  public static void ingest(String dataset, List<String> files, @Nullable String manifest, Launch launch,
      PrintStream out) {
    List<String> args = launch.args();
    args.add("--dataset=" + dataset);
    if (manifest != null) {
      args.add("--manifest=" + manifest);
    }
    args.add("--files=" + String.join(",", files.stream().map(f -> Path.of(f).toAbsolutePath().toString())
        .toList()));
    Ingest.Result r = Ingest.run(OdfRunners.fromArgs(Ingest.Options.class, args.toArray(String[]::new)));
    out.println(Progress.line("ingest", r.name(), r.records(), r.blocks(), r.head(), r.upToDate()));
  }

  /** The datasets in an order where every derivative comes after the manifests it reads. */
  static List<String> order(Map<String, DatasetSnapshot> snapshots) {
    List<String> done = new ArrayList<>();
    List<String> visiting = new ArrayList<>();
    for (String name : snapshots.keySet()) {
      visit(name, snapshots, done, visiting);
    }
    return done;
  }

  private static void visit(String name, Map<String, DatasetSnapshot> snapshots, List<String> done,
      List<String> visiting) {
    if (done.contains(name) || !snapshots.containsKey(name)) {
      return;
    }
    if (visiting.contains(name)) {
      throw new IllegalArgumentException("The manifests' inputs form a cycle: " + String.join(" -> ", visiting)
          + " -> " + name);
    }
    visiting.add(name);
    for (var e : snapshots.get(name).metadata()) {
      if (e instanceof SetTransform t) {
        for (TransformInput in : t.inputs()) {
          visit(in.datasetRef().toString(), snapshots, done, visiting);
        }
      }
    }
    visiting.remove(name);
    done.add(name);
  }
}
