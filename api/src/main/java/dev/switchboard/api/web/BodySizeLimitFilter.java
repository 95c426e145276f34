package dev.switchboard.api.web;

import dev.switchboard.contracts.rest.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over the limit with 413 BODY_TOO_LARGE: at once when Content-Length
 * says so, and by capping the stream for chunked or lying requests. One instance serves all
 * requests; per-request state lives in the request wrapper.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter {
  /** Request attribute set when the capped stream hit the limit, read by {@link ApiExceptionHandler}. */
  public static final String LIMIT_EXCEEDED = BodySizeLimitFilter.class.getName() + ".exceeded";

  private final long maxBytes;
  private final JsonMapper json;
  private final ErrorMetrics errors;

  public BodySizeLimitFilter(long maxBytes, JsonMapper json, ErrorMetrics errors) {
    this.maxBytes = maxBytes;
    this.json = json;
    this.errors = errors;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      // Answer before reading anything: the body never reaches a handler, so nothing changes.
      ApiException tooLarge = tooLarge();
      // Answered here, not by ApiExceptionHandler, so counted here.
      errors.count(tooLarge.code());
      response.setStatus(tooLarge.code().status().value());
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      ApiError error = tooLarge.toApiError();
      json.writeValue(response.getOutputStream(), error);
      return;
    }
    chain.doFilter(new CappedRequest(request, maxBytes), response);
  }

  ApiException tooLarge() {
    return new ApiException(ErrorCode.BODY_TOO_LARGE, "The request body is larger than " + maxBytes + " bytes");
  }

  /** The request with a body stream that fails once more than the limit was read; confined to the request's thread. */
  private static final class CappedRequest extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream capped;

    CappedRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (capped == null) {
        capped = new CappedInputStream(super.getInputStream(), maxBytes, this);
      }
      return capped;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  /** Counts bytes read and throws {@link BodyTooLargeException} past the limit; confined to the request's thread. */
  private static final class CappedInputStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long maxBytes;
    private final HttpServletRequest request;
    private long read;

    CappedInputStream(ServletInputStream in, long maxBytes, HttpServletRequest request) {
      this.in = in;
      this.maxBytes = maxBytes;
      this.request = request;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws BodyTooLargeException {
      read += n;
      if (read > maxBytes) {
        request.setAttribute(LIMIT_EXCEEDED, Boolean.TRUE);
        throw new BodyTooLargeException(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
