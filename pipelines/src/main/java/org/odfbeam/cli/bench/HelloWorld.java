package org.odfbeam.cli.bench;

/**
 * The baseline of {@code bench/odf-startup.sh}: a Java hello-world started exactly like the
 * {@code odf} tool ({@code ODF_MAIN=org.odfbeam.cli.bench.HelloWorld bin/odf}).
 */
public final class HelloWorld {
  private HelloWorld() {}

  public static void main(String[] args) {
    System.out.println("Hello, world");
  }
}
