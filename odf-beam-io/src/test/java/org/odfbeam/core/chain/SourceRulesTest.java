package org.odfbeam.core.chain;

import static org.odfbeam.core.chain.Rejections.assertRejected;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odfbeam.core.model.AddPushSource;
import org.odfbeam.core.model.DisablePollingSource;
import org.odfbeam.core.model.DisablePushSource;
import org.odfbeam.core.model.FetchStepEthereumLogs;
import org.odfbeam.core.model.FetchStepUrl;
import org.odfbeam.core.model.MergeStrategyAppend;
import org.odfbeam.core.model.ReadStepNdJson;
import org.odfbeam.core.model.SetPollingSource;
import org.odfbeam.core.model.SqlQueryStep;
import org.odfbeam.core.model.TransformSql;
import org.odfbeam.core.testing.TestDataset;
import org.odfbeam.core.testing.TestDatasets;

/**
 * AddPushSource / SetPollingSource rules and unsupported Disable* events
 * (kamu-data/kamu-cli:src/odf/dataset-impl/src/entities/metadata_chain_validators.rs,
 * ValidateAddPushSourceVisitor, ValidateSetPollingSourceVisitor, ValidateUnimplementedEventsVisitor).
 */
class SourceRulesTest {
  @TempDir Path dir;
  private TestDataset ds;

  private static final ReadStepNdJson READ = new ReadStepNdJson(null, null, null, null,
      TestDatasets.defaultSchema());

  private static AddPushSource push(String name, ReadStepNdJson read) {
    return new AddPushSource(name, read, null, new MergeStrategyAppend());
  }

  private static SetPollingSource polling(FetchStepUrl fetch) {
    return new SetPollingSource(fetch, null, READ, null, new MergeStrategyAppend());
  }

  private static final FetchStepUrl URL = new FetchStepUrl("https://example.org/x.json", null,
      null, null);

  @BeforeEach
  void setUp() {
    ds = TestDatasets.root(dir).withAddData(0).build();
  }

  @Test
  void identicalPushSourceIsANoOp() {
    ds.append(push("default", READ));
    assertRejected(DuplicatePushSourceException.class, ds, ds.next(push("default", READ)),
        "New push source is identical to existing (source 'default')");
  }

  @Test
  void changedPushSourceOfTheSameNameIsAccepted() {
    ds.append(push("default", READ));
    ds.append(push("default", new ReadStepNdJson(null, null, "utf8", null,
        TestDatasets.defaultSchema())));
    ds.append(push("other", READ));
  }

  @Test
  void pushSourceCannotBeAddedWhilePollingSourceIsActive() {
    ds.append(polling(URL));
    assertRejected(PushSourceConflictException.class, ds, ds.next(push("default", READ)),
        "Cannot add a push source while polling source is still active (source 'default')");
  }

  @Test
  void pollingSourceCannotBeAddedWhilePushSourcesExist() {
    ds.append(push("default", READ));
    assertRejected(PollingSourceConflictException.class, ds, ds.next(polling(URL)),
        "Cannot add a polling source while some push sources are still active");
  }

  @Test
  void readStepCannotHaveBothSchemas() {
    ReadStepNdJson both = new ReadStepNdJson(List.of("a STRING"), null, null, null,
        TestDatasets.defaultSchema());
    assertRejected(ConflictingReadSchemaException.class, ds, ds.next(push("default", both)),
        "Cannot specify both DDL and ODF schemas at once (found both ddlSchema and schema in"
            + " ReadStepNdJson)");
  }

  @Test
  void sourcePreprocessQueriesMustBeNormalized() {
    AddPushSource source = new AddPushSource("default", READ,
        new TransformSql("datafusion", null, null,
            List.of(new SqlQueryStep("named", "select 1")), null), new MergeStrategyAppend());
    assertRejected(TransformNotNormalizedException.class, ds, ds.next(source),
        "Last query in a transform must have no alias");
  }

  @Test
  void ethereumSourceMustIdentifyTheChain() {
    SetPollingSource eth = new SetPollingSource(new FetchStepEthereumLogs(null, null, null, null),
        null, READ, null, new MergeStrategyAppend());
    assertRejected(EthereumSourceUnidentifiedException.class, ds, ds.next(eth),
        "Eth source must specify chainId or nodeUrl (found neither)");
  }

  @Test
  void disablingSourcesIsUnsupported() {
    assertRejected(UnsupportedEventException.class, ds, ds.next(new DisablePushSource("default")),
        "Disabling sources is not yet fully supported (expected no DisablePushSource event");
    assertRejected(UnsupportedEventException.class, ds, ds.next(new DisablePollingSource()),
        "Disabling sources is not yet fully supported (expected no DisablePollingSource event");
  }
}
