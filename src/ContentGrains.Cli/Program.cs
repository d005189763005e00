using ContentGrains.Cli.CommandLine;

var io = CliIo.Console();
return await CommandTree.RunAsync(ContentGrainsCommands.Create(io), args, io);
