-- Neovim's built-in LSP client (0.7+) against `python -m lint lsp`: open a file, wait for
-- the diagnostics, ask for the document symbols, write what came back as JSON, quit.
-- Environment: RL_PYTHON, RL_ROOT, RL_FILE, RL_OUT.
vim.cmd("edit " .. vim.fn.fnameescape(vim.env.RL_FILE))
local buf = vim.api.nvim_get_current_buf()
local id = vim.lsp.start_client({
  name = "response-lint",
  cmd = { vim.env.RL_PYTHON, "-m", "lint", "lsp" },
  root_dir = vim.env.RL_ROOT,
})
vim.lsp.buf_attach_client(buf, id)
local got = vim.wait(60000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(diagnostics, { code = d.code, lnum = d.lnum, col = d.col, severity = d.severity, source = d.source })
end
local params = { textDocument = vim.lsp.util.make_text_document_params(buf) }
local answers = vim.lsp.buf_request_sync(buf, "textDocument/documentSymbol", params, 30000) or {}
local symbols = {}
for _, answer in pairs(answers) do
  for _, s in ipairs(answer.result or {}) do
    table.insert(symbols, { name = s.name, children = #(s.children or {}) })
  end
end
vim.fn.writefile({ vim.fn.json_encode({ waited = got, diagnostics = diagnostics, symbols = symbols }) }, vim.env.RL_OUT)
vim.lsp.stop_client(id)
vim.cmd("qa!")
