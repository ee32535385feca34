using Sesame.Fuzz;

return FuzzProgram.Run(args);
