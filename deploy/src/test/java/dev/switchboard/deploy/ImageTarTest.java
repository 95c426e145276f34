package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Inspects the image tars that profile images (always on in CI) makes with Jib: a non-root numeric
 * user, the Java entrypoint with the service's main class, the exposed ports, no shell, a size
 * bound; then, as root, unpacks the layers and starts the image's Java as uid 10001 in a chroot
 * with its own /proc, which proves the runtime and the glibc files in the image are complete.
 */
class ImageTarTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bounds measured on 2026-11-24 (api 84 MB, wrapper 85 MB, medianode 62 MB) plus room to grow. */
  enum Image {
    API("api", "dev.switchboard.api.ApiApplication", Set.of("8080/tcp"), 110, "--dry-run"),
    WRAPPER("wrapper", "dev.switchboard.wrapper.WrapperApplication", Set.of("8081/tcp"), 110, "--dry-run"),
    MEDIANODE("medianode", "dev.switchboard.medianode.MediaNodeMain", Set.of("8888/tcp", "40000/udp"), 80, "--help");

    final String module;
    final String mainClass;
    final Set<String> ports;
    final long maxMegabytes;
    final String smokeArgument;

    Image(String module, String mainClass, Set<String> ports, long maxMegabytes, String smokeArgument) {
      this.module = module;
      this.mainClass = mainClass;
      this.ports = ports;
      this.maxMegabytes = maxMegabytes;
      this.smokeArgument = smokeArgument;
    }
  }

  @TempDir
  Path work;

  @ParameterizedTest
  @EnumSource(Image.class)
  void imageIsNonRootWithTheRightEntrypointPortsAndSize(Image image) throws Exception {
    Path tar = Repo.root().resolve(image.module + "/target/jib-image.tar");
    if (!Boolean.getBoolean("switchboard.images")) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI must build the images: profile images is activated by CI=true and sets switchboard.images");
      }
      Assumptions.abort("images are built with -Pimages (always in CI)");
    }
    assertThat(tar).as("built by profile images at package").exists();
    long megabytes = Files.size(tar) / 1_000_000;
    assertThat(megabytes).as(image.module + " image size in MB").isLessThanOrEqualTo(image.maxMegabytes);

    Path unpacked = work.resolve("tar");
    run(List.of("tar", "-xf", tar.toString(), "-C", unpacked.toString()), unpacked);
    JsonNode manifest = JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
    JsonNode config = JSON.readTree(unpacked.resolve(manifest.get("Config").asText()).toFile()).get("config");

    String user = config.get("User").asText();
    assertThat(user).as("numeric non-root user").matches("[1-9][0-9]*(:[0-9]+)?").isEqualTo("10001:10001");
    List<String> entrypoint = new ArrayList<>();
    config.get("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
    assertThat(entrypoint).containsExactly("/opt/java/openjdk/bin/java", "-cp", "@/app/jib-classpath-file", image.mainClass);
    Set<String> ports = new HashSet<>();
    config.get("ExposedPorts").fieldNames().forEachRemaining(ports::add);
    assertThat(ports).isEqualTo(image.ports);

    Path rootfs = work.resolve("rootfs");
    Files.createDirectories(rootfs);
    for (JsonNode layer : manifest.get("Layers")) {
      run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", unpacked.resolve(layer.asText()).toString(),
          "-C", rootfs.toString()), rootfs);
    }
    assertThat(rootfs.resolve("opt/java/openjdk/bin/java")).isExecutable();
    assertThat(rootfs.resolve("bin/sh")).as("no shell in the image").doesNotExist();
    assertThat(Files.readString(rootfs.resolve("etc/passwd"))).contains(":10001:10001:");
    assertThat(rootfs.resolve("app/jib-classpath-file")).exists();

    smokeRun(image, rootfs);
  }

  /** The image's own Java, as uid 10001, chrooted into the unpacked layers with a fresh /proc. */
  private static void smokeRun(Image image, Path rootfs) throws Exception {
    boolean root = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
        StandardCharsets.UTF_8).trim());
    boolean unshare = Files.isExecutable(Path.of("/usr/bin/unshare"));
    if (!root || !unshare) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI must run this test as root with util-linux's unshare, to start the image's Java in a chroot");
      }
      Assumptions.abort("starting the image needs root and unshare");
    }
    Files.createDirectories(rootfs.resolve("proc"));
    // sh stays the PID namespace's init (no exec): when unshare goes (--kill-child kills sh), the
    // kernel ends every process of the namespace, Java included, whose credentials chroot changed.
    // A container runtime provides /proc and /dev (Java's SecureRandom reads /dev/urandom).
    String script = "mount -t proc proc \"$1/proc\" && mkdir -p \"$1/dev\" && mount --bind /dev \"$1/dev\" && "
        + "chroot --userspec=10001:10001 \"$1\" "
        + "/opt/java/openjdk/bin/java -Xmx64m -cp @/app/jib-classpath-file " + "$2 $3";
    String output = run(List.of("unshare", "--mount", "--pid", "--fork", "sh", "-c", script, "sh",
        rootfs.toString(), image.smokeArgument.equals("--dry-run") ? "--dry-run" : image.mainClass,
        image.smokeArgument.equals("--dry-run") ? image.mainClass : image.smokeArgument), rootfs);
    if (image == Image.MEDIANODE) {
      assertThat(output).contains("Kurento-compatible SFU");
      serves(rootfs, script, image);
    }
  }

  /** The medianode from its image answers /health on its control port (loopback only). */
  private static void serves(Path rootfs, String script, Image image) throws Exception {
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    Path log = Files.createTempFile("medianode-image", ".log");
    Process p = new ProcessBuilder("unshare", "--mount", "--pid", "--fork", "--kill-child", "sh", "-c",
        script + " --port " + port + " --udp-port 0 --udp-bind-address 127.0.0.1", "sh", rootfs.toString(),
        image.mainClass, "--host=127.0.0.1")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
          .connectTimeout(java.time.Duration.ofSeconds(2)).build();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String health = null;
      while (health == null && System.nanoTime() < deadline && p.isAlive()) {
        try {
          health = get(http, port, "/health");
        } catch (IOException notYet) {
          Thread.sleep(250);
        }
      }
      assertThat(health).as("GET /health; the medianode printed:\n" + Files.readString(log)).contains("UP");
    } finally {
      // unshare ignores SIGTERM while it waits; killed, it takes the namespace down (--kill-child).
      p.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      Files.deleteIfExists(log);
    }
  }

  private static String get(java.net.http.HttpClient http, int port, String path) throws Exception {
    java.net.http.HttpResponse<String> answer = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://127.0.0.1:" + port + path)).timeout(java.time.Duration.ofSeconds(5)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return answer.body();
  }

  private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path log = Files.createTempFile("image-test", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail("timed out after 120 s: " + command);
      }
      String text = Files.readString(log);
      assertThat(p.exitValue()).as(command + " printed:\n" + text).isZero();
      return text;
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
