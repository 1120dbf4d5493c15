package org.odfbeam.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
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
 * Computes the logical hash of Parquet records as arrow-rs would read them, from either the converter calls of
 * parquet-mr's record reader ({@link #rootConverter()}) or Beam rows ({@link RowAssembler}, on the node tree under
 * {@link #root()}). Records are assembled column-wise into Arrow-shaped arrays for one batch of
 * {@link LogicalHasher#KAMU_BATCH_SIZE} rows at a time (kamu's batching, which arrow-digest's struct-null handling
 * depends on), then fed to the {@link LogicalHasher}. Memory: one batch, never the file.
 */
final class LogicalHashAssembler {
  private final LogicalHasher hasher;
  private final MessageType schema;
  private final List<ArrowField> arrow;
  private final Tree active;
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

  /** The root of the batch being assembled (its children are the top-level columns, in schema order). */
  StructNode root() {
    return active.root;
  }

  /** Starts a record; its values go to the nodes below {@link #root()}. */
  void startRecord() {
    active.root.begin();
  }

  /** Ends a record; a full batch of {@link LogicalHasher#KAMU_BATCH_SIZE} rows is hashed now. */
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
    hash(active, n);
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
    if (rows > 0) {
      flush();
    }
    return hasher.finish();
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
