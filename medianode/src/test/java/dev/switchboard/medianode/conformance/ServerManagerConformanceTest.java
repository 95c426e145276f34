package dev.switchboard.medianode.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kurento.client.MediaObject;
import org.kurento.client.MediaPipeline;
import org.kurento.client.ModuleInfo;
import org.kurento.client.ServerInfo;
import org.kurento.client.ServerManager;
import org.kurento.client.ServerType;

class ServerManagerConformanceTest extends KurentoClientTestBase {

  @Test
  void getInfo_describesAKmsWithTheCoreAndElementsModules() {
    ServerInfo info = kurento.getServerManager().getInfo();
    assertThat(info.getType()).isEqualTo(ServerType.KMS);
    assertThat(info.getVersion()).isEqualTo("7.3.0");
    assertThat(info.getCapabilities()).contains("transactions");
    assertThat(info.getModules()).extracting(ModuleInfo::getName).contains("core", "elements");
    assertThat(info.getModules()).flatExtracting(ModuleInfo::getFactories).contains("MediaPipeline", "WebRtcEndpoint");
  }

  @Test
  void getPipelines_listsEveryPipelineAsResolvableProxies() {
    MediaPipeline pipeline = kurento.createMediaPipeline();
    ServerManager manager = kurento.getServerManager();
    assertThat(manager.getId()).isEqualTo("manager_ServerManager");
    assertThat(manager.getPipelines()).extracting(MediaObject::getId).contains(pipeline.getId());
    MediaPipeline listed = manager.getPipelines().stream()
        .filter(p -> p.getId().equals(pipeline.getId())).findFirst().orElseThrow();
    assertThat(listed.getName()).isEqualTo(pipeline.getId());
    pipeline.release();
    assertThat(manager.getPipelines()).extracting(MediaObject::getId).doesNotContain(pipeline.getId());
  }

  @Test
  void getSessions_containsTheClientsOwnSession() {
    kurento.createMediaPipeline().release();
    assertThat(kurento.getServerManager().getSessions()).contains(kurento.getSessionId());
  }

  @Test
  void loadFigures_areRealNumbers() {
    ServerManager manager = kurento.getServerManager();
    assertThat(manager.getUsedMemory()).as("RSS in KiB").isGreaterThan(10_000L);
    assertThat(manager.getCpuCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(manager.getUsedCpu(200)).isBetween(0f, 100f);
  }

  @Test
  void getKmd_returnsTheDescriptorAndRejectsUnknownModules() {
    ServerManager manager = kurento.getServerManager();
    assertThat(manager.getKmd("core")).contains("\"MediaPipeline\"").contains("\"ServerManager\"");
    assertThat(manager.getKmd("elements")).contains("\"WebRtcEndpoint\"");
    assertKurentoError(40500, () -> manager.getKmd("no-such-module"));
  }

  @Test
  void getUsedCpu_refusesIntervalsTheClientCouldNeverWaitFor() {
    assertKurentoError(40107, () -> kurento.getServerManager().getUsedCpu(60_000));
  }
}
