package org.odfbeam.core.model;

/**
 * Connects to an Ethereum node to stream transaction logs.
 *
 * @param chainId Identifier of the chain to scan logs from. This parameter may be used for RPC endpoint
 * lookup as well as asserting that provided {@code nodeUrl} corresponds to the expected chain. (optional)
 * @param nodeUrl Url of the node. (optional)
 * @param filter An SQL WHERE clause that can be used to pre-filter the logs before fetching them from the ETH
 * node. Examples: - "block_number &gt; 123 and address = X'5fbdb2315678afecb367f032d93f642f64180aa3' and
 * topic1 = X'000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266'" (optional)
 * @param signature Solidity log event signature to use for decoding. Using this field adds {@code event} to
 * the output containing decoded log as JSON. (optional)
 */
@Variant(name = "EthereumLogs", id = 5)
public record FetchStepEthereumLogs(
    @Nullable Long chainId,
    @Nullable String nodeUrl,
    @Nullable String filter,
    @Nullable String signature) implements FetchStep {}
