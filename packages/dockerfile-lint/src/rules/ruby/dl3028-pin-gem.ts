import { atEachWord } from '../../model/positions.js';
import { installCommands } from '../package-managers.js';
import { runRule } from '../run-rule.js';

export const dl3028 = runRule(
  { code: 'DL3028', severity: 'warning', category: 'correctness', title: 'Pin versions in gem install: `gem install <gem>:<version>`', hadolint: true },
  (run, at) =>
    atEachWord(
      at,
      installCommands(run)
        // `-v 1.2` / `--version 1.2` pins the gems of that command.
        .filter((install) => install.manager === 'gem' && !install.command.args.some((a) => a === '-v' || a === '--version' || a.startsWith('--version=')))
        .flatMap((install) => install.packages.slice(0, install.packages.includes('--') ? install.packages.indexOf('--') : undefined))
        .filter((gem) => !gem.includes(':') && !gem.includes('$') && !gem.endsWith('.gem')),
      (gem) => `Pin the version of \`${gem}\`: \`gem install ${gem}:<version>\``,
    ),
  ['gem'],
);
