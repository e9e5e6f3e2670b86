package io.smartnas.cluster;

import io.smartnas.space.InvalidInputException;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Addresses: whether a host is this machine's loopback, which of this machine's addresses reaches a host, and whether
 * anything listens at an address.
 */
public final class Network {
    private Network() {
    }

    /** Whether {@code host} is this machine's loopback. */
    public static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The address of this machine that reaches {@code host}: loopback for loopback, else the source address the
     * operating system routes through (a connected UDP socket, which sends nothing).
     *
     * @throws InvalidInputException if the host is unknown
     */
    public static String toward(String host) {
        if (loopback(host)) {
            return "127.0.0.1";
        }
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(InetAddress.getByName(host), 9));
            return probe.getLocalAddress().getHostAddress();
        } catch (IOException e) {
            throw new InvalidInputException("cannot reach " + host + ": " + e.getMessage(), e);
        }
    }

    /** Whether something accepts TCP connections at {@code hostPort} ({@code host:port}) within a second. */
    static boolean answers(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort.substring(0, colon),
                    Integer.parseInt(hostPort.substring(colon + 1))), 1000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The numeric address of {@code host}, which Hazelcast's interface list wants. */
    static String address(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (IOException e) {
            throw new InvalidInputException("unknown host " + host);
        }
    }
}
