package discord_test

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"testing"
	"time"

	"footnote/discord"
	"footnote/internal/fakediscord"
)

func TestShardConfigValidation(t *testing.T) {
	core := newDiscordCore(t, &scripted{})
	tests := []struct {
		name      string
		id, count int
		ok        bool
	}{
		{"unsharded", 0, 0, true},
		{"one shard", 0, 1, true},
		{"last of four", 3, 4, true},
		{"id past count", 4, 4, false},
		{"negative id", -1, 2, false},
		{"id without count", 2, 0, false},
		{"negative count", 0, -2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := discord.NewGateway(core, discord.GatewayConfig{Token: "t", ShardID: tt.id, ShardCount: tt.count}, nil)
			if tt.ok && err != nil {
				t.Fatalf("NewGateway: %v", err)
			}
			if !tt.ok && !errors.Is(err, discord.ErrShard) {
				t.Fatalf("err = %v, want ErrShard", err)
			}
		})
	}
}

// TestShardIdentifiesAndLeavesCommandsToShardZero: a process running shard
// 1 of 2 identifies with that shard and does not overwrite the commands,
// which shard 0 registers for all.
func TestShardIdentifiesAndLeavesCommandsToShardZero(t *testing.T) {
	srv := fakediscord.Start(fakediscord.Options{})
	defer srv.Close()
	cfg := discord.GatewayConfig{Token: srv.Token(), APIURL: srv.URL(), ShardID: 1, ShardCount: 2}
	d, err := discord.NewGateway(newDiscordCore(t, &scripted{}), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	wait, stop := context.WithTimeout(context.Background(), 10*time.Second)
	defer stop()
	if err := srv.WaitReady(wait); err != nil {
		t.Fatal(err)
	}
	ids := srv.Identifies()
	if len(ids) == 0 || !slices.Equal(ids[0].Shard, []int{1, 2}) {
		t.Errorf("identify = %+v, want shard [1 2]", ids)
	}
	// Ask through the shard so Run has done its start-up work, then check
	// no command registration went out.
	ix, err := srv.Interact(fakediscord.Interaction{Command: fakediscord.Help()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.WaitFor(wait, fakediscord.On("POST", "/interactions/"+ix.ID+"/*/callback")); err != nil {
		t.Fatal(err)
	}
	if got := srv.Filter(fakediscord.On("PUT", "/applications/*/commands")); len(got) != 0 {
		t.Errorf("shard 1 registered commands %d times, want 0", len(got))
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
}
