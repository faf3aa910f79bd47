// Command cloudquota-emulator serves the cloud API emulator on a local port,
// for running the provider by hand or from scripts without cloud accounts.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "cloudquota-emulator:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cloudquota-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	dataPath := fs.String("data", "", "JSON data file replacing the default responses (optional)")
	urlFile := fs.String("url-file", "", "write the base URL to this file once listening (optional)")
	quiet := fs.Bool("quiet", false, "do not log each request")
	ak := fs.String("huawei-access-key", emulator.DefaultHuaweiCredential.AccessKey, "Huawei Cloud access key to accept")
	sk := fs.String("huawei-secret-key", emulator.DefaultHuaweiCredential.SecretKey, "Huawei Cloud secret key to accept")
	tcID := fs.String("tencent-secret-id", emulator.DefaultTencentCredential.AccessKey, "Tencent Cloud SecretId to accept")
	tcKey := fs.String("tencent-secret-key", emulator.DefaultTencentCredential.SecretKey, "Tencent Cloud SecretKey to accept")
	aliAK := fs.String("alibaba-access-key", emulator.DefaultAlibabaCredential.AccessKey, "Alibaba Cloud AccessKey ID to accept")
	aliSK := fs.String("alibaba-secret-key", emulator.DefaultAlibabaCredential.SecretKey, "Alibaba Cloud AccessKey secret to accept")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, v := range []string{*ak, *sk, *tcID, *tcKey, *aliAK, *aliSK} {
		if v == "" {
			return errors.New("credential flags must not be empty")
		}
	}

	opts := emulator.Options{
		HuaweiCredentials:  []emulator.Credential{{AccessKey: *ak, SecretKey: *sk}},
		TencentCredentials: []emulator.Credential{{AccessKey: *tcID, SecretKey: *tcKey}},
		AlibabaCredentials: []emulator.Credential{{AccessKey: *aliAK, SecretKey: *aliSK}},
	}
	if *dataPath != "" {
		d, err := emulator.LoadData(*dataPath)
		if err != nil {
			return err
		}
		opts.Data = d
	}
	if !*quiet {
		opts.Logger = log.New(stderr, "", log.LstdFlags)
	}

	// Catch signals before announcing the URL, so a caller that reads the URL
	// file and then signals always gets a clean shutdown.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	baseURL := "http://" + ln.Addr().String()
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(baseURL+"\n"), 0o644); err != nil {
			_ = ln.Close()
			return err
		}
	}
	fmt.Fprintf(stdout, "cloudquota emulator listening on %s\n", baseURL)
	// Emulator-only credentials, printed so the provider can be pointed at it.
	fmt.Fprintf(stdout, "huaweicloud access key: %s\nhuaweicloud secret key: %s\n", *ak, *sk)
	fmt.Fprintf(stdout, "tencentcloud secret id: %s\ntencentcloud secret key: %s\n", *tcID, *tcKey)
	fmt.Fprintf(stdout, "alicloud access key: %s\nalicloud secret key: %s\n", *aliAK, *aliSK)

	srv := &http.Server{Handler: emulator.New(opts), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
