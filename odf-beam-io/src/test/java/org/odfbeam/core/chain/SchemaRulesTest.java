package org.odfbeam.core.chain;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.odfbeam.core.chain.Rejections.assertRejected;
import static org.odfbeam.core.testing.OdfMatchers.isValidChain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.DataField;
import org.odfbeam.core.model.DataSchema;
import org.odfbeam.core.model.DataTypeInt64;
import org.odfbeam.core.model.DataTypeOption;
import org.odfbeam.core.model.DataTypeString;
import org.odfbeam.core.model.ExtraAttributes;
import org.odfbeam.core.model.SetDataSchema;
import org.odfbeam.core.testing.TestDataset;
import org.odfbeam.core.testing.TestDatasets;

/**
 * SetDataSchema evolution (kamu-data/kamu-cli:src/odf/dataset-impl/src/entities/
 * metadata_chain_validators.rs ValidateSetDataSchemaVisitor; src/odf/metadata/src/data/schema_cmp.rs).
 */
class SchemaRulesTest {
  @TempDir Path dir;
  private TestDataset ds;
  private final List<DataField> fields = new ArrayList<>(TestDatasets.defaultSchema().fields());

  @BeforeEach
  void setUp() {
    ds = TestDatasets.root(dir).withAddData(1).build();
  }

  private SetDataSchema schema(List<DataField> f) {
    return new SetDataSchema(null, new DataSchema(f, null));
  }

  @Test
  void identicalSchemaIsANoOp() {
    assertRejected(IdenticalSchemaException.class, ds, ds.next(schema(fields)),
        "New schema is identical to the current (expected a change, found 5 identical fields)");
  }

  @Test
  void removingAFieldIsIncompatible() {
    fields.remove(4);
    assertRejected(IncompatibleSchemaException.class, ds, ds.next(schema(fields)),
        "New schema is not compatible with the current schema", "found field removed 'value'");
  }

  @Test
  void addingARequiredFieldIsIncompatible() {
    fields.add(new DataField("extra", new DataTypeInt64(), null));
    assertRejected(IncompatibleSchemaException.class, ds, ds.next(schema(fields)),
        "found field added 'extra'");
  }

  @Test
  void changingATypeIsIncompatible() {
    fields.set(4, new DataField("value", new DataTypeOption(new DataTypeInt64()), null));
    assertRejected(IncompatibleSchemaException.class, ds, ds.next(schema(fields)),
        "found field type changed 'value' [type changed String->Int64]");
  }

  @Test
  void makingAFieldOptionalIsIncompatible() {
    fields.set(0, new DataField("offset", new DataTypeOption(new DataTypeInt64()), null));
    assertRejected(IncompatibleSchemaException.class, ds, ds.next(schema(fields)),
        "became optional Int64->Option");
  }

  @Test
  void optionalFieldsReorderingAndAttributesAreCompatible() {
    fields.add(new DataField("comment", new DataTypeOption(new DataTypeString()), null));
    ds.append(schema(fields));
    DataField moved = fields.remove(4);
    fields.add(0, moved);
    ds.append(schema(fields));
    ds.append(new SetDataSchema(null, new DataSchema(fields,
        ExtraAttributes.of(java.util.Map.of("opendatafabric.org/description", "d")))));
    assertThat(ds.chain(), isValidChain());
  }
}
