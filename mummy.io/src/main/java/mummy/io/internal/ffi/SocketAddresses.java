package mummy.io.internal.ffi;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * Encodes and decodes {@code sockaddr_in} (16 bytes) and {@code sockaddr_in6} (28 bytes).
 */
public final class SocketAddresses {

    /** The size of {@code struct sockaddr_storage}. */
    public static final int STORAGE_SIZE = 128;

    private static final ValueLayout.OfShort NET_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private SocketAddresses() {
    }

    /**
     * The address family of {@code address}.
     *
     * @param address the address
     * @return {@link Sockets#AF_INET} or {@link Sockets#AF_INET6}
     */
    public static int family(InetSocketAddress address) {
        return address.getAddress() instanceof Inet6Address ? Sockets.AF_INET6 : Sockets.AF_INET;
    }

    /**
     * Encodes {@code address} as a {@code sockaddr_in} or {@code sockaddr_in6}.
     *
     * @param allocator where to allocate
     * @param address a resolved address
     * @return the native structure, exactly as long as the C type
     */
    public static MemorySegment encode(SegmentAllocator allocator, InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("address is unresolved: " + address);
        }
        InetAddress ip = address.getAddress();
        byte[] raw = ip.getAddress();
        if (ip instanceof Inet4Address) {
            MemorySegment sin = allocator.allocate(16, 4);
            sin.fill((byte) 0);
            sin.set(ValueLayout.JAVA_SHORT, 0, (short) Sockets.AF_INET);
            sin.set(NET_SHORT, 2, (short) address.getPort());
            MemorySegment.copy(raw, 0, sin, ValueLayout.JAVA_BYTE, 4, 4);
            return sin;
        }
        MemorySegment sin6 = allocator.allocate(28, 4);
        sin6.fill((byte) 0);
        sin6.set(ValueLayout.JAVA_SHORT, 0, (short) Sockets.AF_INET6);
        sin6.set(NET_SHORT, 2, (short) address.getPort());
        MemorySegment.copy(raw, 0, sin6, ValueLayout.JAVA_BYTE, 8, 16);
        sin6.set(ValueLayout.JAVA_INT, 24, ((Inet6Address) ip).getScopeId());
        return sin6;
    }

    /**
     * Decodes a {@code sockaddr_in} or {@code sockaddr_in6}.
     *
     * @param sockaddr the structure, at least as long as its family requires
     * @return the address, or null for another family
     */
    public static InetSocketAddress decode(MemorySegment sockaddr) {
        int family = sockaddr.get(ValueLayout.JAVA_SHORT_UNALIGNED, 0);
        int port = Short.toUnsignedInt(sockaddr.get(NET_SHORT, 2));
        try {
            if (family == Sockets.AF_INET) {
                byte[] raw = sockaddr.asSlice(4, 4).toArray(ValueLayout.JAVA_BYTE);
                return new InetSocketAddress(InetAddress.getByAddress(raw), port);
            }
            if (family == Sockets.AF_INET6) {
                byte[] raw = sockaddr.asSlice(8, 16).toArray(ValueLayout.JAVA_BYTE);
                int scope = sockaddr.get(ValueLayout.JAVA_INT_UNALIGNED, 24);
                InetAddress ip = scope == 0 ? InetAddress.getByAddress(raw) : Inet6Address.getByAddress(null, raw, scope);
                return new InetSocketAddress(ip, port);
            }
            return null;
        } catch (UnknownHostException e) {
            throw new AssertionError("raw address of the right length was refused", e);
        }
    }
}
