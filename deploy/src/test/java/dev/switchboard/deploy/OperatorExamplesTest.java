package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example operator resources of deploy/k8s/operators describe a real cluster and replica set. */
class OperatorExamplesTest {
  @Test
  void rabbitmqIsAnOddSizedClusterWithOneBrokerPerNode() {
    Map<String, Object> cluster = YamlDocs.load(Repo.k8s().resolve("operators/rabbitmq-cluster.yaml")).getFirst();
    assertThat(cluster.get("kind")).isEqualTo("RabbitmqCluster");
    int replicas = (Integer) YamlDocs.at(cluster, "spec.replicas");
    assertThat(replicas).isGreaterThanOrEqualTo(3).matches(r -> r % 2 == 1, "odd");
    assertThat(YamlDocs.stringAt(cluster, "spec.rabbitmq.additionalConfig")).contains("pause_minority");
    assertThat(YamlDocs.at(cluster, "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution"))
        .isNotNull();
  }

  @Test
  void mongodbIsAThreeMemberReplicaSetWithAuthentication() {
    Map<String, Object> rs = YamlDocs.load(Repo.k8s().resolve("operators/mongodb-replicaset.yaml")).getFirst();
    assertThat(rs.get("kind")).isEqualTo("MongoDBCommunity");
    assertThat(YamlDocs.at(rs, "spec.type")).isEqualTo("ReplicaSet");
    assertThat((Integer) YamlDocs.at(rs, "spec.members")).isGreaterThanOrEqualTo(3);
    assertThat(YamlDocs.listAt(rs, "spec.security.authentication.modes")).contains("SCRAM");
    assertThat(YamlDocs.listAt(rs, "spec.users")).isNotEmpty();
  }
}
