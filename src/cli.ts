// CLI entry (under construction: issue 3).
process.stdout.write('azure-ai-auth-doctor: not available yet\n');
