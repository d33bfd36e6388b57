package audio

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/gen2brain/malgo"
)

// BackendEnv names the environment variable that picks the miniaudio
// backend: "null" for the silent null backend, "alsa", "pulse" or "jack"
// to force one, empty for the platform's real backends.
const BackendEnv = "RETAKE_AUDIO_BACKEND"

// Errors for a machine without the device a command needs.
var (
	ErrNoCaptureDevice  = errors.New("no capture device")
	ErrNoPlaybackDevice = errors.New("no playback device")
)

// nullBackend is miniaudio's null backend. malgo v0.11.24 lacks the C
// enum's "custom" entry, so its BackendNull names custom and the real
// null backend is one past it.
const nullBackend = malgo.Backend(malgo.BackendNull + 1)

// backends returns the backend list for InitContext. The default list
// names every real backend explicitly, because passing none lets
// miniaudio fall back to the null backend and a machine without sound
// would then record silence instead of saying it has no device.
func backends() ([]malgo.Backend, error) {
	switch v := strings.ToLower(os.Getenv(BackendEnv)); v {
	case "":
		var all []malgo.Backend
		for b := malgo.Backend(malgo.BackendWasapi); b <= malgo.BackendWebaudio; b++ {
			all = append(all, b)
		}
		return all, nil
	case "null":
		return []malgo.Backend{nullBackend}, nil
	case "alsa":
		return []malgo.Backend{malgo.BackendAlsa}, nil
	case "pulse", "pulseaudio":
		return []malgo.Backend{malgo.BackendPulseaudio}, nil
	case "jack":
		return []malgo.Backend{malgo.BackendJack}, nil
	default:
		return nil, fmt.Errorf("%s=%q: unknown backend (want null, alsa, pulse or jack)", BackendEnv, v)
	}
}

// newContext initialises miniaudio with the selected backends.
func newContext() (*malgo.AllocatedContext, error) {
	bs, err := backends()
	if err != nil {
		return nil, err
	}
	ctx, err := malgo.InitContext(bs, malgo.ContextConfig{}, nil)
	if err != nil {
		return nil, fmt.Errorf("init audio backend: %w", err)
	}
	return ctx, nil
}

func freeContext(ctx *malgo.AllocatedContext) {
	if ctx != nil {
		_ = ctx.Uninit()
		ctx.Free()
	}
}

// Device is a capture or playback device as the backend names it.
type Device struct {
	ID, Name  string
	IsDefault bool
}

// CaptureDevices lists the microphones and other inputs.
func CaptureDevices() ([]Device, error) { return listDevices(malgo.Capture) }

// PlaybackDevices lists the speakers and other outputs.
func PlaybackDevices() ([]Device, error) { return listDevices(malgo.Playback) }

func listDevices(kind malgo.DeviceType) ([]Device, error) {
	ctx, err := newContext()
	if err != nil {
		return nil, err
	}
	defer freeContext(ctx)
	infos, err := ctx.Devices(kind)
	if err != nil {
		return nil, fmt.Errorf("list devices: %w", err)
	}
	out := make([]Device, 0, len(infos))
	for _, in := range realDevices(infos) {
		out = append(out, Device{ID: in.ID.String(), Name: in.Name(), IsDefault: in.IsDefault != 0})
	}
	return out, nil
}

// realDevices drops ALSA's "null" plugin, which ALSA lists even on a
// machine with no sound card; recording from it would silently produce
// silence. miniaudio's own null backend (chosen on purpose) is kept.
func realDevices(infos []malgo.DeviceInfo) []malgo.DeviceInfo {
	out := infos[:0:0]
	for _, in := range infos {
		id := in.ID[:]
		if len(id) > 4 && string(id[:4]) == "null" && id[4] == 0 {
			continue
		}
		out = append(out, in)
	}
	return out
}

// findDevice resolves a device name ("" for the default) to an ID. It
// returns nil for the default, and errNone when the backend has no device
// of that kind at all.
func findDevice(ctx *malgo.AllocatedContext, kind malgo.DeviceType, name string, errNone error) (*malgo.DeviceID, error) {
	infos, err := ctx.Devices(kind)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNone, err)
	}
	infos = realDevices(infos)
	if len(infos) == 0 {
		return nil, errNone
	}
	if name == "" {
		return nil, nil
	}
	for i := range infos {
		if infos[i].Name() == name {
			return &infos[i].ID, nil
		}
	}
	for i := range infos {
		if strings.Contains(strings.ToLower(infos[i].Name()), strings.ToLower(name)) {
			return &infos[i].ID, nil
		}
	}
	names := make([]string, len(infos))
	for i := range infos {
		names[i] = infos[i].Name()
	}
	return nil, fmt.Errorf("no device named %q (have: %s)", name, strings.Join(names, ", "))
}
