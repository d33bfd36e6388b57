// Package take is Retake's library of rehearsals on disk. Every take is a
// folder under <root>/takes/<id>/ holding its audio and a take.json; the
// library writes atomically, locks the root so two running copies cannot
// corrupt it, repairs takes a crash left half-recorded, keeps deleted takes
// in a trash folder until it is emptied, and turns the stored reports into
// history and per-section timing trends.
//
// The package knows nothing of audio devices or codecs: the little audio
// work it needs (repairing a WAV header, probing a file's length) comes in
// through AudioHooks, so it stays testable without a sound card.
package take
