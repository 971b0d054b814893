//! Standard output for results. A reader that goes away early (`tiaowen search … | head`)
//! ends the process quietly, as Unix tools do, instead of a panic in `println!`.

use std::fmt;
use std::io::{self, Write};

/// Writes formatted text to standard output. When the reader has closed the pipe the
/// process exits with success; any other write error ends it with status 2 and a message.
pub(crate) fn write(args: fmt::Arguments<'_>) {
    if let Err(error) = io::stdout().lock().write_fmt(args) {
        if error.kind() == io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to standard output: {error}");
        std::process::exit(2);
    }
}

/// `println!` for results: see [`write`].
macro_rules! outln {
    () => {
        $crate::output::write(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::output::write(format_args!("{}\n", format_args!($($arg)*)))
    };
}
