package org.odfbeam.core.chain;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.odfbeam.core.chain.InvalidBlockException.BlockContext;
import org.odfbeam.core.chain.SchemaDiff.Item;
import org.odfbeam.core.model.MetadataEvent;
import org.odfbeam.core.model.SetDataSchema;

/**
 * SetDataSchema evolution (kamu's {@code ValidateSetDataSchemaVisitor}): a new schema must differ
 * from the current one, and may only add optional fields, reorder fields or change attributes.
 *
 * <p>Limitations: when either schema is the legacy {@code rawArrowSchema} form the compatibility
 * check is skipped (kamu upgrades the Arrow schema first, which needs Arrow; kamu itself skips
 * legacy new schemas). The "missing system columns" check is a warning in kamu and not done here.
 */
final class SchemaRules {
  private SchemaRules() {}

  static void checkAgainstChain(BlockContext ctx, ChainState state, MetadataEvent event) {
    if (!(event instanceof SetDataSchema e) || e.schema() == null) {
      return;
    }
    SetDataSchema current = state.currentSchema();
    if (current == null || current.schema() == null) {
      return;
    }
    List<Item> diff = SchemaDiff.diff(current.schema(), e.schema());
    if (diff.isEmpty()) {
      throw new IdenticalSchemaException(ctx, "New schema is identical to the current (expected a"
          + " change, found " + e.schema().fields().size() + " identical fields)");
    }
    List<Item> incompatible = new ArrayList<>();
    for (Item item : SchemaDiff.nonEquivalent(diff)) {
      if (!item.allowedMigration()) {
        incompatible.add(item);
      }
    }
    if (!incompatible.isEmpty()) {
      throw new IncompatibleSchemaException(ctx, "New schema is not compatible with the current"
          + " schema (expected only added optional fields, reordered fields or changed attributes,"
          + " found " + incompatible.stream().map(Item::toString).collect(Collectors.joining("; "))
          + ")");
    }
  }
}
