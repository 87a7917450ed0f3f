package http_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/craftos/craftos/internal/computer"
	"github.com/craftos/craftos/internal/computertest"
)

// selfSigned writes a certificate for 127.0.0.1 and its key to PEM files
// and returns their paths and a pool trusting the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "craftos test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func withTLS(certFile, keyFile string) computertest.Option {
	return limits(func(l *computer.Limits) { l.TLSCertFile, l.TLSKeyFile = certFile, keyFile })
}

// With a certificate, http.listen serves HTTPS: HTTP/2 to a client that
// offers it, HTTP/1.1 to one that does not; flush() streams over both.
func TestListenTLS(t *testing.T) {
	computertest.CheckGoroutines(t)
	certFile, keyFile, pool := selfSigned(t)
	port := freePort(t)
	server(t, lua(`
http.listen(PORT, function(req, res)
  res.setResponseHeader("Content-Type", "text/plain")
  res.write(req.getMethod() .. " " .. req.getURL() .. " " .. req.readAll())
  if req.getURL() == "/stream" then res.flush() res.write(" more") end
  res.close()
end)`, port), port, withTLS(certFile, keyFile))
	for _, c := range []struct {
		name      string
		http2     bool
		wantProto string
	}{{"HTTP/2", true, "HTTP/2.0"}, {"HTTP/1.1", false, "HTTP/1.1"}} {
		t.Run(c.name, func(t *testing.T) {
			tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}, ForceAttemptHTTP2: c.http2}
			if !c.http2 {
				tr.TLSNextProto = map[string]func(string, *tls.Conn) http.RoundTripper{}
			}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
			for _, path := range []string{"/hello", "/stream"} {
				resp, err := client.Post("https://"+addr(port)+path, "text/plain", strings.NewReader("body"))
				if err != nil {
					t.Fatal(err)
				}
				got, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				want := "POST " + path + " body"
				if path == "/stream" {
					want += " more"
				}
				mustf(t, resp.StatusCode == 200 && string(got) == want, "%s: %s %q, want %q", path, resp.Status, got, want)
				mustf(t, resp.Proto == c.wantProto && resp.TLS != nil, "%s: proto %s", path, resp.Proto)
			}
		})
	}
	// Plain HTTP on a TLS port gets no answer from Lua.
	resp, err := http.Get(url(port, "/"))
	if err == nil {
		resp.Body.Close()
		mustf(t, resp.StatusCode == 400, "plain HTTP on a TLS port: %s", resp.Status)
	}
}

// With a certificate, http.websocketServer serves WSS.
func TestWebSocketServerTLS(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	port := freePort(t)
	server(t, lua(`
local srv = assert(http.websocketServer(PORT))
local ws = srv.listen()
local msg = ws.receive()
ws.send("echo " .. msg)
ws.close()
`, port), port, withTLS(certFile, keyFile))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}}
	c, _, err := websocket.Dial(ctx, fmt.Sprintf("wss://127.0.0.1:%d/", port), &websocket.DialOptions{HTTPClient: client})
	if err != nil {
		t.Fatal(err)
	}
	defer c.CloseNow()
	if err := c.Write(ctx, websocket.MessageText, []byte("hi")); err != nil {
		t.Fatal(err)
	}
	_, got, err := c.Read(ctx)
	mustf(t, err == nil && string(got) == "echo hi", "got %q, %v", got, err)
}

// A missing half of the pair or an unreadable file stops the computer at
// boot with a clear error.
func TestTLSConfigErrors(t *testing.T) {
	certFile, keyFile, _ := selfSigned(t)
	cases := []struct {
		cert, key, want string
	}{
		{certFile, "", "needs both a certificate and a key"},
		{"", keyFile, "needs both a certificate and a key"},
		{certFile, filepath.Join(t.TempDir(), "missing.pem"), "TLS certificate: open "},
		{keyFile, certFile, "TLS certificate: "},
	}
	for _, c := range cases {
		res := computertest.Run(t, `print("booted")`, append(withHTTP(), withTLS(c.cert, c.key))...)
		mustf(t, res.Err != nil && strings.Contains(res.Err.Error(), c.want) && !strings.Contains(res.Stdout, "booted"),
			"cert %q key %q: err %v, stdout %q; want %q", c.cert, c.key, res.Err, res.Stdout, c.want)
	}
}
