package org.odfbeam.data;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.odfbeam.core.arrow.ArrowField;
import org.odfbeam.core.arrow.ArrowType;
import org.odfbeam.core.arrow.BatchBuilder;
import org.odfbeam.core.arrow.LogicalHasher;
import org.odfbeam.core.arrow.Validity;
import org.odfbeam.core.multiformats.Multihash;
import org.odfbeam.data.AssemblyNode.ElementNode;
import org.odfbeam.data.AssemblyNode.Kind;
import org.odfbeam.data.AssemblyNode.LeafNode;
import org.odfbeam.data.AssemblyNode.ListNode;
import org.odfbeam.data.AssemblyNode.StructNode;

/**
 * Computes the logical hash of Parquet records as arrow-rs would read them, from Parquet record events: either the
 * {@link RecordConsumer} calls a writer makes ({@link #tee}) or the converter calls of parquet-mr's record reader
 * ({@link #rootConverter()}). Records are assembled column-wise into Arrow-shaped arrays for one batch of
 * {@link LogicalHasher#KAMU_BATCH_SIZE} rows at a time (kamu's batching, which arrow-digest's struct-null handling
 * depends on), then fed to the {@link LogicalHasher}. Memory: one batch, never the file.
 */
final class LogicalHashAssembler {
  private final LogicalHasher hasher;
  private final MessageType schema;
  private final List<ArrowField> arrow;
  private Tree active;
  private Tree spare;
  private ExecutorService executor;
  private Future<?> pending;
  private int rows;
  private long totalRows;

  /** One set of batch buffers: the node tree with its structs and leaves in the hasher's order. */
  private static final class Tree {
    StructNode root;
    final List<StructNode> structs = new ArrayList<>();
    final List<AssemblyNode> leaves = new ArrayList<>();
  }

  /**
   * Prepares for records of {@code schema}.
   *
   * @throws org.odfbeam.core.arrow.UnsupportedArrowTypeException if arrow-digest cannot hash a column
   */
  LogicalHashAssembler(MessageType schema) {
    this.schema = schema;
    this.arrow = ParquetToArrow.fields(schema);
    this.hasher = new LogicalHasher(arrow);
    this.active = newTree();
  }

  private Tree newTree() {
    Tree t = new Tree();
    t.root = struct(t, schema, arrow, false);
    if (t.leaves.size() != hasher.leafCount() || t.structs.size() != hasher.structPaths().size()) {
      throw new IllegalStateException("Leaf/struct numbering differs from the hasher's: " + hasher.leafPaths());
    }
    return t;
  }

  /**
   * Hashes full batches on a background thread while the next batch is assembled (two batches in memory at most).
   * Only for the writer side ({@link #tee}); call before the first record. {@link #finish()} or {@link #close()}
   * stops the thread.
   */
  LogicalHashAssembler async() {
    spare = newTree();
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "odf-logical-hash");
      t.setDaemon(true);
      return t;
    });
    return this;
  }

  /** Stops the background thread, if any, discarding pending work. */
  void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  private StructNode struct(Tree tree, GroupType group, List<ArrowField> fields, boolean register) {
    List<StructNode> structs = tree.structs;
    List<AssemblyNode> leaves = tree.leaves;
    AssemblyNode[] children = new AssemblyNode[group.getFieldCount()];
    StructNode node = new StructNode(children);
    if (register) {
      structs.add(node);
    }
    for (int i = 0; i < children.length; i++) {
      Type t = group.getType(i);
      ArrowType at = fields.get(i).type();
      if (at instanceof ArrowType.Struct s) {
        children[i] = struct(tree, t.asGroupType(), s.fields(), true);
      } else {
        children[i] = nonStruct(t, at);
        leaves.add(children[i]);
      }
    }
    return node;
  }

  private AssemblyNode nonStruct(Type t, ArrowType at) {
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      // unannotated repeated primitive: an implicit, never-null list of required items
      ListNode list = new ListNode(true);
      list.item = leaf(t.asPrimitiveType(), ((ArrowType.ListType) at).item().type(), list);
      return list;
    }
    if (at instanceof ArrowType.ListType lt) {
      GroupType g = t.asGroupType();
      ListNode list = new ListNode(false);
      Type repeated = g.getType(0);
      if (repeated.isPrimitive()) {
        list.item = leaf(repeated.asPrimitiveType(), lt.item().type(), list);
      } else {
        Type element = repeated.asGroupType().getType(0);
        list.item = nonStruct(element, lt.item().type());
        list.element = new ElementNode(list);
      }
      return list;
    }
    return leaf(t.asPrimitiveType(), at, null);
  }

  private static LeafNode leaf(PrimitiveType p, ArrowType at, ListNode countsInto) {
    boolean decimal = at instanceof ArrowType.Decimal;
    Kind kind;
    int width = 0;
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN -> kind = Kind.BOOL;
      case INT32 -> kind = decimal ? Kind.DECIMAL_LONG : Kind.INT;
      case INT64 -> kind = decimal ? Kind.DECIMAL_LONG : Kind.LONG;
      case FLOAT -> kind = Kind.FLOAT;
      case DOUBLE -> kind = Kind.DOUBLE;
      case INT96 -> kind = Kind.INT96;
      case BINARY -> kind = decimal ? Kind.DECIMAL_BYTES : Kind.BYTES;
      case FIXED_LEN_BYTE_ARRAY -> {
        kind = decimal ? Kind.DECIMAL_BYTES : Kind.FIXED;
        width = p.getTypeLength();
      }
      default -> throw new IllegalStateException(p.toString());
    }
    return new LeafNode(kind, width, countsInto);
  }

  // ------------------------------------------------------------------ records

  void startRecord() {
    active.root.begin();
  }

  void endRecord() {
    active.root.end();
    rows++;
    totalRows++;
    if (rows == LogicalHasher.KAMU_BATCH_SIZE) {
      flush();
    }
  }

  private void flush() {
    int n = rows;
    rows = 0;
    if (executor == null) {
      hash(active, n);
      return;
    }
    awaitPending();
    Tree full = active;
    active = spare;
    spare = full;
    pending = executor.submit(() -> hash(full, n));
  }

  private void awaitPending() {
    if (pending == null) {
      return;
    }
    try {
      pending.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while computing the logical hash", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("Cannot compute the logical hash", e.getCause());
    } finally {
      pending = null;
    }
  }

  private void hash(Tree tree, int n) {
    BatchBuilder b = hasher.batch(n);
    for (int s = 0; s < tree.structs.size(); s++) {
      b.structValidity(s, Validity.ofValid(tree.structs.get(s).valid, n));
    }
    for (int i = 0; i < tree.leaves.size(); i++) {
      AssemblyNode node = tree.leaves.get(i);
      if (node instanceof ListNode l) {
        l.feed(b.column(i), n);
      } else {
        ((LeafNode) node).feed(b.column(i), n);
      }
    }
    b.end();
    tree.root.reset();
  }

  /** Rows seen so far. */
  long rowCount() {
    return totalRows;
  }

  /** Feeds the last (partial) batch and returns the logical hash. */
  Multihash finish() {
    try {
      if (rows > 0) {
        flush();
      }
      awaitPending();
      return hasher.finish();
    } finally {
      close();
    }
  }

  // ------------------------------------------------------------------ writer side

  /** A record consumer that forwards every call to {@code delegate} and assembles the same record for hashing. */
  RecordConsumer tee(RecordConsumer delegate) {
    return new TeeConsumer(delegate);
  }

  private final class TeeConsumer extends RecordConsumer {
    private final RecordConsumer delegate;
    private final AssemblyNode[] stack = new AssemblyNode[64];
    private int depth;
    private AssemblyNode current;

    TeeConsumer(RecordConsumer delegate) {
      this.delegate = delegate;
    }

    @Override
    public void startMessage() {
      delegate.startMessage();
      depth = 0;
      stack[0] = active.root;
      startRecord();
    }

    @Override
    public void endMessage() {
      delegate.endMessage();
      endRecord();
    }

    @Override
    public void startField(String field, int index) {
      delegate.startField(field, index);
      AssemblyNode top = stack[depth];
      if (top instanceof StructNode s) {
        current = s.children[index];
      } else if (top instanceof ListNode l) {
        current = l.element == null ? l.item : l.element;
      } else {
        current = ((ElementNode) top).list.item;
      }
      if (current instanceof ListNode l && l.implicit) {
        current = l.item;
      }
    }

    @Override
    public void endField(String field, int index) {
      delegate.endField(field, index);
    }

    @Override
    public void startGroup() {
      delegate.startGroup();
      AssemblyNode c = current;
      if (c instanceof StructNode s) {
        s.begin();
      } else if (c instanceof ListNode l) {
        l.begin();
      } else {
        ((ElementNode) c).begin();
      }
      stack[++depth] = c;
    }

    @Override
    public void endGroup() {
      delegate.endGroup();
      AssemblyNode c = stack[depth--];
      current = c; // a repeated field continues with its next group
      if (c instanceof StructNode s) {
        s.end();
      } else if (c instanceof ListNode l) {
        l.end();
      } else {
        ((ElementNode) c).end();
      }
    }

    @Override
    public void addInteger(int value) {
      delegate.addInteger(value);
      ((LeafNode) current).addInt(value);
    }

    @Override
    public void addLong(long value) {
      delegate.addLong(value);
      ((LeafNode) current).addLong(value);
    }

    @Override
    public void addBoolean(boolean value) {
      delegate.addBoolean(value);
      ((LeafNode) current).addBoolean(value);
    }

    @Override
    public void addBinary(Binary value) {
      delegate.addBinary(value);
      ((LeafNode) current).addBinary(value);
    }

    @Override
    public void addFloat(float value) {
      delegate.addFloat(value);
      ((LeafNode) current).addFloat(value);
    }

    @Override
    public void addDouble(double value) {
      delegate.addDouble(value);
      ((LeafNode) current).addDouble(value);
    }

    @Override
    public void flush() {
      delegate.flush();
    }
  }

  // ------------------------------------------------------------------ reader side

  /** The root converter for parquet-mr's record reader; each record read is assembled for hashing. */
  GroupConverter rootConverter() {
    return new StructConverter(active.root, true);
  }

  private final class StructConverter extends GroupConverter {
    private final StructNode node;
    private final boolean isRoot;
    private final Converter[] children;

    StructConverter(StructNode node, boolean isRoot) {
      this.node = node;
      this.isRoot = isRoot;
      this.children = new Converter[node.children.length];
      for (int i = 0; i < children.length; i++) {
        children[i] = converter(node.children[i]);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      if (isRoot) {
        startRecord();
      } else {
        node.begin();
      }
    }

    @Override
    public void end() {
      if (isRoot) {
        endRecord();
      } else {
        node.end();
      }
    }
  }

  private Converter converter(AssemblyNode n) {
    if (n instanceof StructNode s) {
      return new StructConverter(s, false);
    } else if (n instanceof ListNode l) {
      if (l.implicit) {
        return new LeafConverter((LeafNode) l.item);
      }
      return new ListConverter(l);
    }
    return new LeafConverter((LeafNode) n);
  }

  private final class ListConverter extends GroupConverter {
    private final ListNode node;
    private final Converter child;

    ListConverter(ListNode node) {
      this.node = node;
      if (node.element == null) {
        LeafNode leaf = (LeafNode) node.item;
        child = new LeafConverter(leaf);
      } else {
        ElementNode e = node.element;
        Converter item = converter(node.item);
        child = new GroupConverter() {
          @Override
          public Converter getConverter(int fieldIndex) {
            return item;
          }

          @Override
          public void start() {
            e.begin();
          }

          @Override
          public void end() {
            e.end();
          }
        };
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return child;
    }

    @Override
    public void start() {
      node.begin();
    }

    @Override
    public void end() {
      node.end();
    }
  }

  private static final class LeafConverter extends PrimitiveConverter {
    private final LeafNode node;

    LeafConverter(LeafNode node) {
      this.node = node;
    }

    @Override
    public void addBinary(Binary value) {
      node.addBinary(value);
    }

    @Override
    public void addBoolean(boolean value) {
      node.addBoolean(value);
    }

    @Override
    public void addDouble(double value) {
      node.addDouble(value);
    }

    @Override
    public void addFloat(float value) {
      node.addFloat(value);
    }

    @Override
    public void addInt(int value) {
      node.addInt(value);
    }

    @Override
    public void addLong(long value) {
      node.addLong(value);
    }
  }
}
