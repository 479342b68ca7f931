require_relative "initializable"

module Rails
  # Boots an app as Rails does in production: its initializers, then every model loaded eagerly.
  class Application
    def initialize(root)
      @root = root
    end

    def initialize!
      initializers = Initializers.new
      initializers.add(:load_config) { puts "=> Rails 7.1.3 application starting in production" }
      initializers.add(:set_autoload_paths, after: [:load_config]) {}
      initializers.add(:eager_load, after: [:set_autoload_paths]) do
        Dir[File.join(@root, "app/models/*.rb")].sort.each { |model| require model }
      end
      initializers.run
    end
  end
end
