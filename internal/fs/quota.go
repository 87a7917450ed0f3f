package fs

import (
	"time"
)

// The disk quota, counted as CC:Tweaked's WritableFileMount counts: every
// folder (the root too) and every file uses at least minFileSize bytes, a
// file larger than that its size. A write fails with "Out of space" when
// the file would grow past what is left; seeking is free, so a write at
// 2^40 asks for 2^40 bytes and is refused.

// DefaultCapacity is fs.getCapacity when Options.Capacity is zero.
const DefaultCapacity = 1 << 30

const errOutOfSpace = "Out of space"

// The boot-time walk that measures the used space stops after this many
// entries or this long. A folder that big is left as the host made it: the
// space counted so far is used, the rest is not charged, so a program still
// adds at most the capacity to the folder.
const (
	maxMeasureEntries = 1_000_000
	maxMeasureTime    = time.Second
)

// quota is the computer folder's space accounting. The used space is
// measured the first time it is needed (programs that never write do not
// pay for the walk).
type quota struct {
	capacity int64 // fs.getCapacity
	used     int64 // bytes, minFileSize per folder and small file
	measured bool
	cut      bool // the walk stopped early
}

// usage is the folder's quota, measuring the folder once.
func (m *hostMount) usage() *quota {
	q := &m.quota
	if !q.measured {
		q.measured = true
		q.used, q.cut = m.measure(".", maxMeasureEntries, time.Now().Add(maxMeasureTime))
		q.used = max(q.used, minFileSize)
	}
	return q
}

// free is fs.getFreeSpace of the folder.
func (q *quota) free() int64 {
	return max(q.capacity+minFileSize-q.used, 0)
}

// take charges n bytes, or fails with "Out of space" charging nothing.
func (q *quota) take(n int64) bool {
	if n <= 0 {
		return true
	}
	if n > q.free() {
		return false
	}
	q.used += n
	return true
}

// give refunds n bytes; the root folder's share is never given back.
func (q *quota) give(n int64) {
	q.used = max(q.used-n, minFileSize)
}

// cost is what one entry uses.
func cost(isDir bool, size int64) int64 {
	if isDir {
		return minFileSize
	}
	return max(size, minFileSize)
}

// measure sums the space used by sub and everything under it, without
// following symlinks, stopping after limit entries or at deadline (cut).
// Folders are opened without blocking (see openHostDir), so a folder
// swapped for a FIFO mid-walk cannot hang it.
func (m *hostMount) measure(sub string, limit int, deadline time.Time) (used int64, cut bool) {
	n := 0
	stack := []string{sub}
	for len(stack) > 0 {
		dir := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		used += minFileSize
		d, err := m.openHostDir(dir)
		if err != nil {
			continue // unreadable: count what we can
		}
		for {
			entries, err := d.ReadDir(256)
			for _, e := range entries {
				if n++; n > limit || (n%1024 == 0 && time.Now().After(deadline)) {
					d.Close()
					return used, true
				}
				p := e.Name()
				if dir != "." {
					p = dir + "/" + p
				}
				if e.IsDir() {
					stack = append(stack, p)
				} else if info, err := e.Info(); err == nil {
					used += cost(false, info.Size())
				}
			}
			if err != nil {
				break
			}
		}
		d.Close()
	}
	return used, false
}
