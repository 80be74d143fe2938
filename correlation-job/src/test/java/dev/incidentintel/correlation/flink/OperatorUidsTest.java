package dev.incidentintel.correlation.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/**
 * A savepoint can only be restored into a new version of the job if every stateful operator keeps
 * its uid: with generated uids off, Flink refuses to build a job graph in which any operator lacks
 * one, and the operator ids of two builds are the same.
 */
class OperatorUidsTest {

    private static JobGraph jobGraph() {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        CorrelationJob.fromConfig(
                        CorrelationJobConfig.defaults(
                                "127.0.0.1:9", "jdbc:clickhouse://127.0.0.1:9/x"))
                .build(env);
        StreamGraph graph = env.getStreamGraph();
        for (StreamNode node : graph.getStreamNodes()) {
            assertThat(node.getTransformationUID())
                    .as("uid of operator '%s'", node.getOperatorName())
                    .isNotBlank();
        }
        return graph.getJobGraph();
    }

    @Test
    void everyOperatorHasAUidAndTheJobGraphBuildsWithoutGeneratedOnes() {
        assertThatCode(OperatorUidsTest::jobGraph).doesNotThrowAnyException();
    }

    @Test
    void operatorIdsAreTheSameOnEveryBuild() {
        assertThat(operatorIds(jobGraph())).isEqualTo(operatorIds(jobGraph())).isNotEmpty();
    }

    @Test
    void uidsAreUnique() {
        List<String> uids = new java.util.ArrayList<>();
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        CorrelationJob.fromConfig(
                        CorrelationJobConfig.defaults(
                                "127.0.0.1:9", "jdbc:clickhouse://127.0.0.1:9/x"))
                .build(env);
        for (StreamNode node : env.getStreamGraph().getStreamNodes()) {
            if (node.getTransformationUID() != null) {
                uids.add(node.getTransformationUID());
            }
        }
        assertThat(uids).doesNotHaveDuplicates();
    }

    private static Set<String> operatorIds(JobGraph graph) {
        Set<String> ids = new HashSet<>();
        for (JobVertex v : graph.getVertices()) {
            for (OperatorIDPair p : v.getOperatorIDs()) {
                ids.add(p.getGeneratedOperatorID().toHexString());
            }
        }
        return ids;
    }
}
