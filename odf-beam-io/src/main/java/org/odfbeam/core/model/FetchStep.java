package org.odfbeam.core.model;

/**
 * Defines the external source of data.
 *
 * <p>FlatBuffers union; members (YAML tag = union type id): FetchStepUrl (Url = 1), FetchStepFilesGlob
 * (FilesGlob = 2), FetchStepContainer (Container = 3), FetchStepMqtt (Mqtt = 4), FetchStepEthereumLogs
 * (EthereumLogs = 5).
 */
public sealed interface FetchStep
    permits FetchStepUrl, FetchStepFilesGlob, FetchStepContainer, FetchStepMqtt, FetchStepEthereumLogs {}
