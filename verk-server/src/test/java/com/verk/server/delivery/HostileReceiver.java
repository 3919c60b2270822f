package com.verk.server.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A webhook endpoint on a raw socket that answers the way a hostile one would: an unusual 1xx and
 * then nothing, a status line trickled a byte at a time, headers without end, a 200 MB header, a
 * body without end, a gzip bomb, silence, or a reset. It counts the bytes it managed to write, so a
 * test can tell the sender stopped reading.
 */
final class HostileReceiver implements AutoCloseable {

  enum Answer {
    INFORMATIONAL_150,
    TRICKLE,
    ENDLESS_HEADERS,
    HUGE_HEADER,
    ENDLESS_BODY,
    GZIP_BOMB,
    SILENCE,
    RESET
  }

  private static final long HUGE = 200L * 1024 * 1024;

  private final Answer answer;
  private final ServerSocket socket;
  private final ExecutorService connections = Executors.newCachedThreadPool();
  private final AtomicLong written = new AtomicLong();
  private volatile boolean closed;

  HostileReceiver(Answer answer) {
    this.answer = answer;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    connections.execute(this::accept);
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/hook";
  }

  /** Bytes written to the sender before it went away. */
  long written() {
    return written.get();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        connections.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      readRequest(s.getInputStream());
      OutputStream out = s.getOutputStream();
      switch (answer) {
        case INFORMATIONAL_150 -> {
          write(out, "HTTP/1.1 150 X\r\n\r\n");
          idle();
        }
        case TRICKLE -> {
          for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: 1\r\n".getBytes(StandardCharsets.US_ASCII)) {
            out.write(b);
            out.flush();
            written.incrementAndGet();
            Thread.sleep(300); // the behaviour under test: one byte at a time
          }
          idle();
        }
        case ENDLESS_HEADERS -> {
          write(out, "HTTP/1.1 200 OK\r\n");
          byte[] header =
              "X-More: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes(StandardCharsets.US_ASCII);
          while (!closed) {
            out.write(header);
            written.addAndGet(header.length);
          }
        }
        case HUGE_HEADER -> {
          write(out, "HTTP/1.1 200 OK\r\nX-Huge: ");
          byte[] chunk = new byte[64 * 1024];
          Arrays.fill(chunk, (byte) 'a');
          for (long n = 0; n < HUGE && !closed; n += chunk.length) {
            out.write(chunk);
            written.addAndGet(chunk.length);
          }
          write(out, "\r\nContent-Length: 0\r\n\r\n");
        }
        case ENDLESS_BODY -> {
          write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
          byte[] chunk =
              ("1000\r\n" + "b".repeat(4096) + "\r\n").getBytes(StandardCharsets.US_ASCII);
          while (!closed) {
            out.write(chunk);
            written.addAndGet(chunk.length);
          }
        }
        case GZIP_BOMB -> {
          write(
              out,
              "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n");
          // Zeros compress about a thousand to one: a gigabyte for the one who inflates it.
          OutputStream chunked = new ChunkedStream(out);
          try (GZIPOutputStream gzip = new GZIPOutputStream(chunked, 8192)) {
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 1024 && !closed; i++) {
              gzip.write(zeros);
            }
          }
        }
        case SILENCE -> idle();
        case RESET -> {
          s.setSoLinger(true, 0);
          return; // closing with linger 0 sends RST
        }
      }
    } catch (IOException e) {
      // the sender went away: what it should do with such a peer
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(OutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    out.write(bytes);
    out.flush();
    written.addAndGet(bytes.length);
  }

  private void idle() throws InterruptedException {
    while (!closed) {
      Thread.sleep(50); // keeps the connection open without a word
    }
  }

  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
    int at = lower.indexOf("content-length:");
    if (at >= 0) {
      int end = lower.indexOf("\r\n", at);
      long length = Long.parseLong(lower.substring(at + 15, end).trim());
      in.readNBytes((int) length);
    }
  }

  /** HTTP/1.1 chunked framing over {@code out}, counting what it writes. */
  private final class ChunkedStream extends OutputStream {
    private final OutputStream out;

    ChunkedStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(b, off, len);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      written.addAndGet(len);
    }

    @Override
    public void close() throws IOException {
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    connections.shutdownNow();
  }
}
