import { createInterface } from 'node:readline';

/** A simulator's typed commands, each given the words after its name; `quit` ends it. */
export type PromptCommands = Record<string, (words: string[]) => Promise<void> | void> & { quit: () => Promise<void> | void };

/**
 * Reads commands from stdin, one per line, until `quit` (typed, stdin
 * closing, or Ctrl-C); an unknown one prints `help`. A command that fails
 * prints its error and the prompt goes on.
 */
export function runCommandPrompt(commands: PromptCommands, help: string): void {
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    const [name, ...words] = line.trim().split(/\s+/);
    if (!name) return;
    const command = commands[name];
    if (!command) return console.log(`unknown command "${name}"\n${help}`);
    void Promise.resolve(command(words)).catch((error: unknown) => console.error(String(error)));
  });
  input.on('close', () => void commands.quit());
  process.on('SIGINT', () => void commands.quit());
}
