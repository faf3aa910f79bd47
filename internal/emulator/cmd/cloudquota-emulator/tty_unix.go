//go:build linux || darwin || freebsd

package main

import (
	"os"
	"syscall"
	"unsafe"
)

// terminalSentInterrupt reports whether this process is in the foreground
// process group of its controlling terminal: then a SIGINT is the terminal's
// Ctrl-C, which every process of the group (COMMAND too) received.
func terminalSentInterrupt() bool {
	tty, err := os.Open("/dev/tty")
	if err != nil {
		return false // no controlling terminal: the signal was sent to us alone
	}
	defer tty.Close()
	var pgrp int32
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, tty.Fd(), uintptr(syscall.TIOCGPGRP), uintptr(unsafe.Pointer(&pgrp))); errno != 0 {
		return false
	}
	return int(pgrp) == syscall.Getpgrp()
}
