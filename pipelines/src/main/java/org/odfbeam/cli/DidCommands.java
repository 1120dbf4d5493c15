package org.odfbeam.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HexFormat;
import org.odfbeam.core.identity.DatasetId;
import org.odfbeam.core.identity.DatasetIdentity;
import org.odfbeam.core.multiformats.Multibase;

/** {@code odf did new} and {@code odf did parse}. */
final class DidCommands {
  private DidCommands() {}

  /** {@code odf did new [--key-out PATH]}. */
  static final class New implements Command {
    @Override
    public String name() {
      return "did new";
    }

    @Override
    public String synopsis() {
      return "did new [--key-out PATH]";
    }

    @Override
    public String summary() {
      return "Print a fresh did:odf identity (new Ed25519 key); --key-out saves its private key (PKCS#8 PEM)";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
      String keyOut = args.option("--key-out");
      args.expect(synopsis());
      DatasetIdentity identity = DatasetIdentity.generate();
      if (keyOut != null) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(identity.keyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
        Path path = Path.of(keyOut);
        Files.writeString(path, pem, StandardCharsets.US_ASCII);
        try {
          Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: permissions are the user's to set.
        }
      }
      out.println(identity.id());
      return 0;
    }
  }

  /** {@code odf did parse DID}. */
  static final class Parse implements Command {
    @Override
    public String name() {
      return "did parse";
    }

    @Override
    public String synopsis() {
      return "did parse DID";
    }

    @Override
    public String summary() {
      return "Parse a did:odf (any multibase kamu accepts) and print its canonical forms";
    }

    @Override
    public String help() {
      return Command.super.help() + "\nOutput, one 'name: value' per line:\n"
          + "  did:        did:odf:f... (canonical, base16 multibase, as kamu prints it)\n"
          + "  multibase:  f... (the dataset directory name kamu uses in a workspace)\n"
          + "  base58btc:  did:odf:z...\n"
          + "  did-key:    did:key:z... (the same Ed25519 key as a W3C did:key)\n"
          + "  public-key: the raw 32-byte Ed25519 public key in hex\n";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws IOException {
      String text = args.expect(synopsis(), "DID").get(0);
      DatasetId id = DatasetId.parse(text);
      out.println("did: " + id);
      out.println("multibase: " + id.toMultibase());
      out.println("base58btc: " + DatasetId.PREFIX + Multibase.BASE58BTC.encode(id.toBytes()));
      out.println("did-key: " + id.toDidKey());
      out.println("public-key: " + HexFormat.of().formatHex(id.publicKey()));
      return 0;
    }
  }
}
