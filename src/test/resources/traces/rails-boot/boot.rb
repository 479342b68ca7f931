$stdout.sync = true
require_relative "vendor/bundle/ruby/3.1.0/gems/puma-6.4.2/lib/puma/launcher"
Puma::Launcher.new(File.join(__dir__, "config.ru")).run
