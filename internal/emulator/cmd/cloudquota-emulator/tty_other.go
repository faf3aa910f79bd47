//go:build !(linux || darwin || freebsd)

package main

// terminalSentInterrupt: without process groups to ask, every SIGINT is
// forwarded.
func terminalSentInterrupt() bool { return false }
