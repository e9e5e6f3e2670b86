package io.smartnas.cluster;

import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a SmartNAS process becomes a member of a cluster: Hazelcast configured closed. No multicast and no discovery
 * (members join by explicit TCP-IP address), bound to one interface (loopback unless told otherwise), named after the
 * key so that a member without it is refused at the join, Java serialization refused outright (every value is a JSON
 * string), no phone-home, and a member that stops answering declared dead within {@link #DEAD_AFTER_SECONDS}.
 */
final class Membership {
    /** Seconds without a heartbeat after which a member is declared dead and its candidate goes to another. */
    static final int DEAD_AFTER_SECONDS = 10;
    /** The member attribute that says which process is the coordinator. */
    static final String ROLE = "smartnas.role";
    static final String COORDINATOR = "coordinator";
    static final String WORKER = "worker";
    /** Held so that the levels set on them stay: java.util.logging keeps its loggers only weakly. */
    private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
    private static final Logger MODULES_WARNING = Logger.getLogger(
            "com.hazelcast.instance.impl.HazelcastInstanceFactory");
    /** Warns of every failed reconnection to a member that left, which SmartNAS reports itself ("worker ... left"). */
    private static final Logger RECONNECTIONS = Logger.getLogger(
            "com.hazelcast.internal.server.tcp.TcpServerConnectionErrorHandler");
    /** The only class Java serialization may read: none that exists, so it reads nothing. */
    private static final String NO_CLASS = "io.smartnas.cluster.NoJavaSerialization";

    private Membership() {
    }

    /**
     * Starts a member.
     *
     * @param bind   the interface to listen on
     * @param port   the port to listen on; a worker takes the first free one from it
     * @param join   the coordinator's {@code host:port}, or null for the coordinator itself
     * @param worker whether it is a worker: a lite member, holding none of the cluster's data
     * @param say    what tells the user what Hazelcast warns of, in words ({@link HazelcastLog})
     */
    static HazelcastInstance start(Secret secret, String bind, int port, String join, boolean worker,
                                   Consumer<String> say) {
        HAZELCAST.setLevel(Level.WARNING);
        HazelcastLog.install(HAZELCAST, say);
        // It warns on every start that it runs without --add-opens flags; it runs well without them.
        MODULES_WARNING.setLevel(Level.SEVERE);
        RECONNECTIONS.setLevel(Level.SEVERE);
        Config config = new Config();
        config.setClusterName(secret.clusterName());
        config.setLiteMember(worker);
        config.getMemberAttributeConfig().setAttribute(ROLE, worker ? WORKER : COORDINATOR);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(DEAD_AFTER_SECONDS));
        config.getSerializationConfig().setJavaSerializationFilterConfig(new JavaSerializationFilterConfig()
                .setDefaultsDisabled(false).setWhitelist(new ClassFilter().addClasses(NO_CLASS)));
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(worker).setPortCount(worker ? 100 : 1);
        network.getInterfaces().setEnabled(true).addInterface(Network.address(bind));
        JoinConfig joining = network.getJoin();
        joining.getMulticastConfig().setEnabled(false);
        joining.getAutoDetectionConfig().setEnabled(false);
        joining.getTcpIpConfig().setEnabled(true).addMember(join != null ? join : Network.address(bind) + ":" + port);
        return Hazelcast.newHazelcastInstance(config);
    }
}
