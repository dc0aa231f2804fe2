// `npm start`: the demo company, built if needed, on http://localhost:4321.
process.env.SALESBOOK_DEMO ??= '1';
await import('./serve.mjs');
