package com.verk.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A TCP forwarder in front of a database that fails on command the two ways a network or a server
 * does: {@link #cut()} closes every connection and refuses new ones until {@link #restore()} (a
 * restarting database), {@link #freeze()} passes nothing in either direction and closes nothing (a
 * peer that vanished: a failover, a dropped NAT entry, a cut cable). Test use only.
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean down;
  private volatile boolean frozen;
  private volatile boolean closed;

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::accept, "tcp-proxy-accept");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Closes every connection and refuses new ones, as a stopped server does. */
  public void cut() {
    down = true;
    closeAll();
  }

  /** From now on nothing passes in either direction, and no socket is closed. */
  public void freeze() {
    frozen = true;
  }

  /** Accepts and forwards again, as a restarted server does. */
  public void restore() {
    down = false;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = server.accept();
        if (down) {
          client.close();
          continue;
        }
        Socket target = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(target);
        pump(client, target);
        pump(target, client);
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void pump(Socket from, Socket to) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                for (int n = in.read(buffer); n >= 0 && !closed; n = in.read(buffer)) {
                  while (frozen && !closed) {
                    TimeUnit.MILLISECONDS.sleep(10); // hold the bytes: a silent peer
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // connection over
              } finally {
                close(from);
                close(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void closeAll() {
    for (Socket s : sockets) {
      close(s);
    }
    sockets.clear();
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    closeAll();
  }
}
