package io.github.luaactor.bench;

/**
 * Workload 9's rows of the table (issue #21): {@link ClusterCrossMember} against the Pekko Cluster Sharding
 * baseline, and the member-local tell against the single-JVM tell of the same run.
 */
final class ClusterRows {
    private ClusterRows() {
    }

    static void append(Report r, StringBuilder t) {
        double getP = r.get("ClusterCrossMember.crossMemberSendGet");
        double getK = r.get("ClusterCrossMember.pekkoShardingAsk");
        Report.row(t, "9 cluster, send().get() to another member (Pekko: sharded entity ask)", "µs",
                Report.fmt1(getP), Report.fmt1(getK), "", getP / getK, "x Pekko", "<= 0.67x Pekko",
                getP / getK <= 1 / 1.5);
        double inP = r.get("ClusterCrossMember.crossMemberCtxSendInFlight");
        double inK = r.get("ClusterCrossMember.pekkoShardingAskInFlight");
        Report.row(t, "9 cluster, ctx.send to another member, 64 in flight (Pekko: entity asks)", "round trips/s",
                Report.fmt(inP), Report.fmt(inK), "", inP / inK, "x Pekko", ">= 1.5x Pekko", inP / inK >= 1.5);
        double local = r.get("ClusterCrossMember.localTell");
        double single = r.get("TellBench.project{metrics=off}");
        Report.row(t, "9 cluster, tell into a local actor on a member, 2 M msgs", "msg/s", Report.fmt(local), "",
                "", local / single, "x single-JVM tell", ">= 0.9x single-JVM tell", local / single >= 0.9);
    }
}
