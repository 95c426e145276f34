import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * Deletes the queues and exchanges named on stdin ("NAME" for a queue, "X NAME" for an
 * exchange) from the RabbitMQ at 127.0.0.1:5672: used by .ci/run to remove what interrupted test
 * runs left behind, since every idle queue still holds broker file descriptors. Single-threaded.
 */
public final class BrokerJanitor {
  public static void main(String[] args) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    int queues = 0;
    int exchanges = 0;
    try (Connection connection = factory.newConnection("broker-janitor");
         Channel channel = connection.createChannel();
         BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
      String line;
      while ((line = in.readLine()) != null) {
        line = line.trim();
        if (line.startsWith("X ")) {
          channel.exchangeDelete(line.substring(2).trim());
          exchanges++;
        } else if (!line.isEmpty()) {
          channel.queueDelete(line, true, false); // only if nobody consumes it
          queues++;
        }
      }
    }
    System.out.printf("broker-janitor: deleted %d queues and %d exchanges%n", queues, exchanges);
  }
}
