// An SMTP server that accepts every message and keeps none: Haven's mail outbox (care requests, sign-in
// notices) delivers at once instead of retrying against a closed port during the measurements.

import { createServer } from 'node:net';

export function startSmtpSink() {
  const server = createServer((socket) => {
    let inData = false;
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => {});
    socket.write('220 bench SMTP sink\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = inData ? buffer.indexOf('\r\n.\r\n') : buffer.indexOf('\r\n')) >= 0) {
        if (inData) {
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 OK\r\n');
          continue;
        }
        const line = buffer.slice(0, end).toUpperCase();
        buffer = buffer.slice(end + 2);
        if (line.startsWith('EHLO')) {
          socket.write('250-bench\r\n250 8BITMIME\r\n');
        } else if (line.startsWith('DATA')) {
          inData = true;
          socket.write('354 End with <CRLF>.<CRLF>\r\n');
          // A message whose body is already buffered ends in this same loop.
          buffer = '\r\n' + buffer;
        } else if (line.startsWith('QUIT')) {
          socket.end('221 Bye\r\n');
        } else {
          socket.write('250 OK\r\n');
        }
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ port: server.address().port, close: () => server.close() }));
  });
}
