require_relative "../vendor/bundle/ruby/3.1.0/gems/railties-7.1.3/lib/rails/application"
require_relative "../lib/legacy_order"

Rails::Application.new(File.expand_path("..", __dir__)).initialize!
