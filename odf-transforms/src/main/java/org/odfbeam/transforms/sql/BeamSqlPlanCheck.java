package org.odfbeam.transforms.sql;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.rel.RelFieldCollation;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.rel.RelNode;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.rel.core.Calc;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.rel.core.Window;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.rex.RexCall;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.rex.RexNode;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.rex.RexShuttle;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.rex.RexVisitorImpl;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.SqlOperator;
import org.apache.beam.vendor.calcite.v1_40_0.org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Finds, in a Beam SQL physical plan, what Beam SQL would accept when the pipeline is built but then fail on or get
 * wrong while it runs, and what ODF forbids: the checks that make {@link OdfSql} fail at construction instead.
 *
 * <ul>
 *   <li><b>Window functions ordered by a non-numeric key.</b> Beam SQL's {@code BeamWindowRel} reads the first
 *       {@code ORDER BY} key of a window as a number for RANGE frames (the default frame of an aggregate with
 *       {@code ORDER BY}) and for {@code ROW_NUMBER}, {@code RANK}, {@code DENSE_RANK} and {@code PERCENT_RANK}:
 *       ordering them by a timestamp or string fails at run time with a {@code ClassCastException}.
 *   <li><b>Window functions ordered by several keys</b> where peers matter (RANGE frames, {@code RANK},
 *       {@code DENSE_RANK}, {@code PERCENT_RANK}): Beam SQL compares only the first key, so the results would be
 *       wrong.
 *   <li><b>Non-deterministic functions</b> ({@code RAND}, {@code CURRENT_TIMESTAMP}, {@code CURRENT_DATE}, …): ODF
 *       queries must give the same result for the same input (spec, "Query").
 * </ul>
 *
 * This class and {@link RunSqlStep} are the only users of Beam SQL's internal planner API and of its vendored
 * Calcite; a Beam upgrade that changes them shows up in this package's tests.
 */
final class BeamSqlPlanCheck {
  /** Beam SQL's position-aware analytic functions, which read the first ORDER BY key as a number. */
  private static final Set<String> NUMBERING = Set.of("ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK");
  /** Numbering functions whose result depends on peers (ties), which Beam SQL judges by the first key only. */
  private static final Set<String> PEER_AWARE = Set.of("RANK", "DENSE_RANK", "PERCENT_RANK");

  private BeamSqlPlanCheck() {}

  /** The problems found in {@code plan}, in plan order without duplicates; empty if none. */
  static List<String> problems(RelNode plan) {
    Set<String> found = new LinkedHashSet<>();
    visit(plan, found);
    return new ArrayList<>(found);
  }

  private static void visit(RelNode rel, Set<String> found) {
    for (RelNode input : rel.getInputs()) {
      visit(input, found);
    }
    if (rel instanceof Window window) {
      checkWindow(window, found);
    }
    NonDeterministicCalls calls = new NonDeterministicCalls(found);
    if (rel instanceof Calc calc) {
      calc.getProgram().getExprList().forEach(e -> e.accept(calls));
    } else {
      rel.accept(new RexShuttle() {
        @Override
        public RexNode visitCall(RexCall call) {
          call.accept(calls);
          return call;
        }
      });
    }
  }

  private static void checkWindow(Window window, Set<String> found) {
    List<RelDataTypeField> inputFields = window.getInput().getRowType().getFieldList();
    for (Window.Group group : window.groups) {
      List<RelFieldCollation> keys = group.orderKeys.getFieldCollations();
      if (keys.isEmpty()) {
        continue;
      }
      List<String> functions = group.aggCalls.stream().map(c -> c.getOperator().getName()).distinct().toList();
      boolean numbering = functions.stream().anyMatch(NUMBERING::contains);
      boolean peers = !group.isRows || functions.stream().anyMatch(PEER_AWARE::contains);
      String what = String.join(", ", functions) + " OVER (… ORDER BY " + keyNames(keys, inputFields) + ")"
          + (group.isRows ? "" : " with a RANGE frame (the default frame of an aggregate with ORDER BY)");
      RelDataTypeField first = inputFields.get(keys.get(0).getFieldIndex());
      if ((!group.isRows || numbering) && !SqlTypeFamily.NUMERIC.contains(first.getType())) {
        found.add("Beam SQL cannot evaluate " + what + ": it reads the first ORDER BY key of RANGE frames and of"
            + " ROW_NUMBER/RANK/DENSE_RANK/PERCENT_RANK as a number, and '" + first.getName() + "' is "
            + first.getType().getSqlTypeName() + " (it would fail while the pipeline runs). Order by a numeric"
            + " column (e.g. `offset`), or give an aggregate an explicit ROWS frame"
            + " (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
      } else if (peers && keys.size() > 1) {
        found.add("Beam SQL cannot evaluate " + what + " correctly: it compares rows by the first ORDER BY key"
            + " only, so ties and RANGE peers would be wrong. Order by one numeric key, or use ROWS frames"
            + " and ROW_NUMBER");
      }
    }
  }

  private static String keyNames(List<RelFieldCollation> keys, List<RelDataTypeField> fields) {
    List<String> names = new ArrayList<>();
    for (RelFieldCollation key : keys) {
      names.add(fields.get(key.getFieldIndex()).getName()
          + (key.direction == RelFieldCollation.Direction.DESCENDING ? " DESC" : ""));
    }
    return String.join(", ", names);
  }

  /** Records every call of a non-deterministic or dynamic (time-dependent) function. */
  private static final class NonDeterministicCalls extends RexVisitorImpl<Void> {
    private final Set<String> found;

    NonDeterministicCalls(Set<String> found) {
      super(true);
      this.found = found;
    }

    @Override
    public Void visitCall(RexCall call) {
      SqlOperator op = call.getOperator();
      if (!op.isDeterministic() || op.isDynamicFunction()) {
        found.add(op.getName() + " is not deterministic: an ODF transformation must give the same result for the"
            + " same input on every run (ODF spec, \"Query\"); derive the value from the input, e.g. from"
            + " event_time");
      }
      return super.visitCall(call);
    }
  }
}
