package dev.switchboard.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's last-resort error body, as an ApiError instead of an HTML page, for requests the
 * container refuses before any servlet runs (an encoded slash in the path, for instance). One
 * instance per host; stateless, so any Tomcat thread may use it.
 */
public class JsonErrorReportValve extends ErrorReportValve {
  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // Same guards as Tomcat's own report: only errors, only if nobody wrote a body, only once.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    ErrorCode code = ErrorCode.forStatus(status);
    String message = status >= 500 ? "Internal error" : "The request was refused (" + status + ")";
    // Only fixed text goes into the body, so plain concatenation is valid JSON.
    String body = "{\"status\":" + status + ",\"code\":\"" + code.name() + "\",\"message\":\"" + message + "\"}";
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response was taken over: nothing more to do.
    }
  }
}
