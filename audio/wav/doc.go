// Package wav reads and writes RIFF/WAVE files without touching a sound
// device: a header parser that trusts nothing it reads, a streaming
// 16-bit PCM writer that keeps its header valid while a take is still
// growing, and a repair step for files left behind by a crash.
package wav
