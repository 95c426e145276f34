package dev.switchboard.loadtest.scale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code GC.heap_info} as JDK 25 prints it for the Serial collector (young plus old) and for G1. */
class JvmProbeTest {

  @Test
  void serialHeapIsYoungPlusOldGeneration() {
    JvmProbe.Heap heap = JvmProbe.parse("""
        32735:
        DefNew     total 116160K, used 31021K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
         eden space 103296K,  30% used [0x0000000687400000, 0x000000068924b560, 0x000000068d8e0000)
         from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000, 0x000000068e570000)
        Tenured    total 258048K, used 1166K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
         the  space 258048K,   0% used [0x0000000704d50000, 0x0000000704e73ab8, 0x0000000714950000)
        """);

    assertThat(heap.usedBytes()).isEqualTo((31021L + 1166) * 1024);
    assertThat(heap.committedBytes()).isEqualTo((116160L + 258048) * 1024);
  }

  @Test
  void g1HeapIsOneLineAndMetaspaceIsReadWhenPrinted() {
    JvmProbe.Heap heap = JvmProbe.parse("""
         garbage-first heap   total 262144K, used 9718K [0x00000000f0000000, 0x0000000100000000)
          region size 1024K, 5 young (5120K), 0 survivors (0K)
         Metaspace       used 3005K, committed 3264K, reserved 1114112K
        """);

    assertThat(heap.usedBytes()).isEqualTo(9718L * 1024);
    assertThat(heap.metaspaceBytes()).isEqualTo(3005L * 1024);
  }
}
