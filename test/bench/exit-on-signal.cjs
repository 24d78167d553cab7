// Preloaded (--require) into a server started with --cpu-prof: Node writes the profile only on a normal
// exit, and Nest's shutdown hooks re-raise SIGTERM after closing, which would kill the process without it.
// Registered before the app's own listeners, so a SIGTERM/SIGINT exits with code 0 and the profile is written.
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
