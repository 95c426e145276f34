package dev.switchboard.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's files are, for tests run by Maven (switchboard.root) or from the module folder. */
final class Repo {
  private Repo() {}

  static Path root() {
    String configured = System.getProperty("switchboard.root");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    root = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("deploy/k8s"))) {
      throw new IllegalStateException("no deploy/k8s under " + root + "; set -Dswitchboard.root");
    }
    return root;
  }

  static Path k8s() {
    return root().resolve("deploy/k8s");
  }

  static Path golden(String name) {
    return root().resolve("deploy/src/test/resources/kustomize/" + name + ".yaml");
  }
}
