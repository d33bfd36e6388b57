package audio

// Tap follows a take while it is recorded, for work that should not wait
// for the file, such as transcribing during the take. The recorder's
// writer goroutine, never the device callback, hands it each block right
// after the block reached the file, so the tap sees exactly the file's
// samples, in order, and nothing the disk refused.
type Tap interface {
	// Begin is called once, before the device starts, with the rate of
	// the mono 16-bit samples that follow.
	Begin(sampleRate int)
	// Samples receives the next block. The slice is reused as soon as
	// Samples returns, so a tap copies what it keeps. It must return
	// quickly: while it runs the writer does not drain the ring, which
	// absorbs about four seconds before frames are dropped.
	Samples(block []int16)
}
