package speaker

import (
	"encoding/binary"
	"os"
	"path/filepath"
)

// wavFile is an 8-bit mono 48 kHz PCM WAV file that grows as audio is
// played: the header's sizes are rewritten after each write, so the file
// is complete whenever it is read.
type wavFile struct {
	f       *os.File
	samples uint32
}

const wavHeader = 44

func createWAV(path string) (*wavFile, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	w := &wavFile{f: f}
	if err := w.header(); err != nil {
		f.Close()
		return nil, err
	}
	return w, nil
}

// header writes the RIFF header for the samples written so far.
func (w *wavFile) header() error {
	var h [wavHeader]byte
	copy(h[0:], "RIFF")
	binary.LittleEndian.PutUint32(h[4:], 36+w.samples)
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)         // fmt chunk size
	binary.LittleEndian.PutUint16(h[20:], 1)          // PCM
	binary.LittleEndian.PutUint16(h[22:], 1)          // mono
	binary.LittleEndian.PutUint32(h[24:], SampleRate) // samples per second
	binary.LittleEndian.PutUint32(h[28:], SampleRate) // bytes per second
	binary.LittleEndian.PutUint16(h[32:], 1)          // block align
	binary.LittleEndian.PutUint16(h[34:], 8)          // bits per sample
	copy(h[36:], "data")
	binary.LittleEndian.PutUint32(h[40:], w.samples)
	_, err := w.f.WriteAt(h[:], 0)
	return err
}

// write appends signed samples (-128..127) as unsigned 8-bit PCM.
func (w *wavFile) write(samples []int8) error {
	buf := make([]byte, len(samples))
	for i, s := range samples {
		buf[i] = byte(int(s) + 128)
	}
	if _, err := w.f.WriteAt(buf, wavHeader+int64(w.samples)); err != nil {
		return err
	}
	w.samples += uint32(len(samples))
	return w.header()
}

// close closes the file; a later write reopens it and goes on where it
// ended (a speaker detached at a reboot and attached again).
func (w *wavFile) close() error {
	if w.f == nil {
		return nil
	}
	err := w.f.Close()
	w.f = nil
	return err
}

// reopen opens the file again after close.
func (w *wavFile) reopen(path string) error {
	if w.f != nil {
		return nil
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	w.f = f
	return nil
}
